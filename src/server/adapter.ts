import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config';
import type { createI18n } from '../i18n';
import type { KnowledgeStore } from '../knowledge/store';
import { hotlineValues } from '../knowledge/render';
import { ERROR_CODES } from '../errors';
import type { Logger } from '../log';

/** The Bot Framework adapter, built from the validated configuration only (never from process.env). */
export function createAdapter(
  config: Config,
  deps: { knowledge: KnowledgeStore; i18n: ReturnType<typeof createI18n>; logger: Logger },
): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));

  // A person who hits an error gets a calm message in their language with the numbers that help;
  // the log gets a code and the error's class, never the message they wrote.
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    deps.logger.error(
      { code: ERROR_CODES.TURN_FAILED, err: error instanceof Error ? error.name : typeof error },
      'turn failed',
    );
    if (context.activity.type !== 'message') return;
    const locale = context.activity.locale?.toLowerCase().startsWith('es') ? 'es' : config.DEFAULT_LOCALE;
    const t = deps.i18n.t(locale);
    await context
      .sendActivity({
        type: 'message',
        text: t('error.turn', hotlineValues(deps.knowledge.current().base.contacts)),
        channelData: { reach: { kind: 'notice', locale } },
      })
      .catch(() => undefined);
  };
  return adapter;
}
