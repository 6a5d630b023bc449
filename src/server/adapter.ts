import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { createI18n } from '../i18n';
import type { KnowledgeStore } from '../knowledge/store';
import { detectLanguage } from '../i18n/detect';
import { hotlineValues } from '../knowledge/render';
import { ERROR_CODES } from '../errors';
import type { Logger } from '../log';
import { createBotAuthentication, type AuthenticatedRequest } from './auth';
import { ReusedClientsAuthentication } from './clients';

/** CloudAdapter that runs a turn for a request the HTTP guard has already authenticated. */
export class ReachAdapter extends CloudAdapter {
  constructor(private readonly clients: ReusedClientsAuthentication) {
    super(clients);
  }

  /** Run the bot on an admitted activity; returns the buffered replies for `expectReplies`. */
  processAdmitted(auth: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    // The turn's outbound clients are reused across turns (clients.ts); the guard's check is unchanged.
    return this.processActivity(this.clients.withReusedClients(auth), activity, logic);
  }
}

/**
 * Longest wait for the calm error message to go out. A connector that hangs must not hold the request
 * past the point where the channel retries it (15 s; the turn itself is bounded just under that).
 */
export const ERROR_REPLY_LIMIT_MS = 5_000;

/** `work`, or nothing once `ms` have passed; never rejects. */
async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work.then(() => undefined, () => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Bot Framework adapter, built from the validated configuration only (never from process.env). */
export function createAdapter(
  config: Config,
  deps: {
    knowledge: KnowledgeStore;
    i18n: ReturnType<typeof createI18n>;
    logger: Logger;
    /** The same authentication the HTTP guard checks requests with. */
    botAuth?: ConfigurationBotFrameworkAuthentication;
  },
  errorReplyLimitMs: number = ERROR_REPLY_LIMIT_MS,
): ReachAdapter {
  const adapter = new ReachAdapter(new ReusedClientsAuthentication(deps.botAuth ?? createBotAuthentication(config)));

  // A person who hits an error gets a calm message in their language with the numbers that help;
  // the log gets a code and the error's class, never the message they wrote.
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    deps.logger.error(
      { code: ERROR_CODES.TURN_FAILED, err: error instanceof Error ? error.name : typeof error },
      'turn failed',
    );
    if (context.activity.type !== 'message') return;
    // The message's own language first (a channel may send no locale at all), then the channel's hint.
    const text = typeof context.activity.text === 'string' ? context.activity.text.slice(0, 2000) : '';
    const locale =
      detectLanguage(text).locale ??
      (context.activity.locale?.toLowerCase().startsWith('es') ? 'es' : config.DEFAULT_LOCALE);
    const t = deps.i18n.t(locale);
    const sent = context.sendActivity({
      type: 'message',
      text: t('error.turn', hotlineValues(deps.knowledge.current().base.contacts)),
      channelData: { reach: { kind: 'notice', locale } },
    });
    await atMost(sent, errorReplyLimitMs);
  };
  return adapter;
}
