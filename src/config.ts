import { z } from 'zod';
import { ERROR_CODES, ReachError } from './errors';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

/** Every setting Reach reads. No other file reads process.env. */
const configSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  /**
   * Interface to listen on. Unset: every interface (0.0.0.0) when authenticated, this machine only
   * (127.0.0.1) in local mode, where the bot endpoint accepts anyone's messages.
   */
  HOST: optionalString,
  KNOWLEDGE_DIR: z.preprocess(emptyToUndefined, z.string().default('./knowledge')),
  DEFAULT_LOCALE: z.preprocess(emptyToUndefined, z.enum(['en', 'es']).default('en')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  MicrosoftAppTenantId: optionalString,
  KNOWLEDGE_RELOAD: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('on')),
  /**
   * A folder where trained topic models are kept, so that a restart on the same knowledge and corpus
   * does not train again (src/understanding/cache.ts); `off`: train at every start. Only weights learnt
   * from the knowledge files are kept there.
   */
  TOPIC_MODEL_CACHE: z.preprocess(emptyToUndefined, z.string().default('./node_modules/.cache/reach-topics').transform((v) => (v === 'off' ? null : v))),
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),

  // Website chat (Direct Line): with a secret the page talks to Azure; without, to the built-in endpoint.
  DIRECTLINE_SECRET: optionalString,
  DIRECTLINE_ENDPOINT: z.preprocess(emptyToUndefined, z.string().url().default('https://directline.botframework.com')),
  /** CSP frame-ancestors for embedding the chat page in the organisation's site. */
  FRAME_ANCESTORS: z.preprocess(emptyToUndefined, z.string().default("'self'")),
  /** The chat page's title in tabs and history: neutral, so it says nothing about the topic. */
  PAGE_TITLE: z.preprocess(emptyToUndefined, z.string().max(60).default('Chat')),
  /** Where Quick exit goes: an everyday page (https) that says nothing about what the person was reading. */
  QUICK_EXIT_URL: z.preprocess(
    emptyToUndefined,
    z.string().url().startsWith('https://', 'must be an https:// address').default('https://www.google.com/search?q=weather'),
  ),

  // Messaging channels and skills.
  /** First-message language per channel, e.g. `sms:es,whatsapp:es`. */
  CHANNEL_LOCALES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]+:(en|es)(,[a-z0-9-]+:(en|es))*$/, 'must look like sms:es,whatsapp:es')
      .optional()
      .transform((v) => Object.freeze(Object.fromEntries((v ? v.split(',') : []).map((p) => p.split(':') as [string, 'en' | 'es'])))),
  ),
  /** SMS in the GSM-7 alphabet (á í ó ú written a i o u): a third of the segments for Spanish. */
  SMS_GSM7: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('on')),
  /** App ids allowed to call Reach as a skill, comma-separated. */
  ALLOWED_CALLERS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((v) => Object.freeze((v ?? '').split(',').map((s) => s.trim()).filter(Boolean))),
  ),

  // Conversation state.
  STORAGE: z.preprocess(emptyToUndefined, z.enum(['memory', 'blob']).default('memory')),
  BLOB_CONNECTION_STRING: optionalString,
  BLOB_CONTAINER: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9-]{3,63}$/, 'must be a valid container name').default('reach-state')),
  /** How many instances run behind the load balancer (memory state is per instance). */
  INSTANCES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  /** Key for the opaque hashes of conversation ids in state and logs; shared by all instances. */
  STATE_SECRET: optionalString,
  STATE_TTL_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 60).default(30)),

  // Request limits.
  RATE_LIMIT_CONVERSATION_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(30)),
  RATE_LIMIT_CLIENT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(300)),
  /**
   * Proxies in front of Reach that add themselves to X-Forwarded-For (a load balancer: 1). The client
   * address is read that many hops from the end of the header; 0 (the default) uses the socket's
   * address and ignores the header, which anyone can write.
   */
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(0)),
  /** The address people and calling bots reach this deployment at, e.g. https://reach.example.org. */
  PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) && new URL(v).origin === v.replace(/\/+$/, ''), {
        message: 'must be an origin such as https://reach.example.org (no path)',
      })
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  ),
});

type ParsedConfig = z.infer<typeof configSchema>;
export type Config = Readonly<Omit<ParsedConfig, 'HOST'> & { HOST: string }>;

/** Host names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host);
}

/**
 * Parse and freeze the configuration. A bad value throws a ReachError whose message is one line naming
 * the variable, what is wrong, and the value that was expected.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const first = result.error.issues[0];
    const name = first?.path.join('.') || 'configuration';
    throw new ReachError(ERROR_CODES.CONFIG_INVALID, `Invalid configuration: ${name}: ${first?.message ?? 'invalid'}`);
  }
  const parsed = result.data;
  const config: Config = { ...parsed, HOST: parsed.HOST ?? (parsed.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1') };
  if (config.MicrosoftAppType === 'SingleTenant' && config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
    throw new ReachError(
      ERROR_CODES.CONFIG_INVALID,
      'Invalid configuration: MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant',
    );
  }
  // Without an app id the bot accepts any request; production must never run that way (fail closed).
  if (config.NODE_ENV === 'production' && !config.MicrosoftAppId) {
    throw new ReachError(ERROR_CODES.CONFIG_INVALID, 'Invalid configuration: MicrosoftAppId: required when NODE_ENV is production');
  }
  if (config.NODE_ENV === 'production' && config.MicrosoftAppType !== 'UserAssignedMSI' && !config.MicrosoftAppPassword) {
    throw new ReachError(
      ERROR_CODES.CONFIG_INVALID,
      'Invalid configuration: MicrosoftAppPassword: required when NODE_ENV is production (or use MicrosoftAppType UserAssignedMSI)',
    );
  }
  // Several instances share state: they must hash ids with one key, and memory state is per process.
  if (config.STORAGE === 'blob' && !config.BLOB_CONNECTION_STRING) {
    throw new ReachError(ERROR_CODES.CONFIG_INVALID, 'Invalid configuration: BLOB_CONNECTION_STRING: required when STORAGE is blob');
  }
  if ((config.STORAGE === 'blob' || config.INSTANCES > 1) && !config.STATE_SECRET) {
    throw new ReachError(
      ERROR_CODES.CONFIG_INVALID,
      'Invalid configuration: STATE_SECRET: required when STORAGE is blob or INSTANCES > 1 (every instance must use the same one)',
    );
  }
  if (config.NODE_ENV === 'production' && config.STORAGE === 'memory' && config.INSTANCES > 1) {
    throw new ReachError(
      ERROR_CODES.CONFIG_INVALID,
      'Invalid configuration: STORAGE: memory state is per instance, so with INSTANCES > 1 in production use STORAGE=blob',
    );
  }
  return Object.freeze(config);
}

/** Local mode: no app id, so no Azure authentication (Emulator, expectReplies, tests). */
export function isLocalMode(config: Config): boolean {
  return !config.MicrosoftAppId;
}

/**
 * A warning for whoever starts Reach in local mode where other machines can reach it: its bot endpoint
 * and built-in web chat then answer anyone on the network, unauthenticated. Null when there is none.
 */
export function exposureWarning(config: Config): string | null {
  if (!isLocalMode(config) || isLoopbackHost(config.HOST)) return null;
  return (
    `Warning: local mode (no MicrosoftAppId) on HOST=${config.HOST}: anyone who can reach this machine can post to ` +
    '/api/messages without authentication. Use HOST=127.0.0.1 (the default in local mode), or set MicrosoftAppId.'
  );
}
