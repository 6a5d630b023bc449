import {
  ActivityTypes,
  EndOfConversationCodes,
  StatusCodes,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import {
  allowedCallersClaimsValidator,
  AuthenticationConfiguration,
  AuthenticationConstants,
  AuthenticationError,
  JwtTokenValidation,
  SkillValidation,
  type ClaimsIdentity,
  type ValidateClaims,
} from 'botframework-connector';
import type { ReachTrace } from '../bot/replies';
import { isLocalMode, type Config } from '../config';

/**
 * Reach as a skill: another organisation's bot (a 211 line, a school bot) forwards a person's message
 * and gets Reach's reply, then an endOfConversation carrying the outcome. Only the app ids listed in
 * ALLOWED_CALLERS may call. The wildcard "*" is ignored: it would let any bot registered with Azure in.
 */
export function allowedCallers(config: Config): readonly string[] {
  return config.ALLOWED_CALLERS.filter((id) => id !== '*');
}

/**
 * The claims check for authentication: a skill call from an app id not listed is refused (401)
 * before the bot runs. Calls from channels are not skill calls and pass through.
 */
export function skillClaimsValidator(config: Config): ValidateClaims {
  const allowed = allowedCallers(config);
  // botbuilder's validator asserts a non-empty list; with none configured every skill call is refused.
  const check = allowed.length > 0 ? allowedCallersClaimsValidator([...allowed]) : null;
  return async (claims) => {
    if (!SkillValidation.isSkillClaim(claims)) return;
    try {
      if (!check) throw new Error('no callers allowed');
      await check(claims);
    } catch {
      // The message goes back to the caller: it names nothing, not even the app id that was refused.
      throw new AuthenticationError(
        'This bot does not accept skill calls from this caller.',
        StatusCodes.UNAUTHORIZED,
      );
    }
  };
}

/** What the Bot Framework authentication needs to accept the callers in ALLOWED_CALLERS. */
export function skillAuthConfiguration(config: Config): AuthenticationConfiguration {
  return new AuthenticationConfiguration([], skillClaimsValidator(config));
}

/** The app id of the bot calling Reach as a skill this turn, or null when a channel sent the turn. */
export function skillCaller(context: TurnContext): string | null {
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as ClaimsIdentity | undefined;
  if (!identity || !SkillValidation.isSkillClaim(identity.claims)) return null;
  return (
    JwtTokenValidation.getAppIdFromClaims(identity.claims) || AuthenticationConstants.AnonymousSkillAppId
  );
}

/**
 * Checked again in the bot, whatever the adapter was built with. Without an app id (local mode) the
 * Emulator calls skills anonymously, and that is allowed there only.
 */
export function isAllowedCaller(appId: string, config: Config): boolean {
  if (appId === AuthenticationConstants.AnonymousSkillAppId) return isLocalMode(config);
  return allowedCallers(config).includes(appId);
}

/** Hands the conversation back to the calling bot with the turn's outcome (the answer trace). */
export function endOfSkillTurn(trace: ReachTrace | undefined): Partial<Activity> {
  return {
    type: ActivityTypes.EndOfConversation,
    code: EndOfConversationCodes.CompletedSuccessfully,
    locale: trace?.locale,
    value: trace ?? null,
  };
}
