import { loadConfig } from '../../src/config';
import { ERROR_CODES, ReachError } from '../../src/errors';

/**
 * `loadConfig(env)` stops start-up the way staff need it to: a CONFIG_INVALID error whose message is one
 * line naming the variable to fix.
 */
export function expectConfigError(env: Readonly<Record<string, string | undefined>>, name: string): void {
  let error: unknown;
  try {
    loadConfig(env);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ReachError);
  const { code, message } = error as ReachError;
  expect(code).toBe(ERROR_CODES.CONFIG_INVALID);
  expect(message).toContain(name);
  expect(message).not.toContain('\n');
}
