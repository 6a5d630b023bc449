import { z } from 'zod';
import { ERROR_CODES, ReachError } from './errors';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

/** Every setting Reach reads. No other file reads process.env. */
const configSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
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
});

export type Config = Readonly<z.infer<typeof configSchema>>;

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
  const config = result.data;
  if (config.MicrosoftAppType === 'SingleTenant' && config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
    throw new ReachError(
      ERROR_CODES.CONFIG_INVALID,
      'Invalid configuration: MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant',
    );
  }
  return Object.freeze(config);
}

/** Local mode: no app id, so no Azure authentication (Emulator, expectReplies, tests). */
export function isLocalMode(config: Config): boolean {
  return !config.MicrosoftAppId;
}
