import { loadConfig } from '../../src/config';
import { ERROR_CODES, ReachError } from '../../src/errors';

const production = { NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' };
const blob = { STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' };

describe('state configuration', () => {
  test.each([
    [{ ...production, INSTANCES: '3', STATE_SECRET: 's' }, 'STORAGE'],
    [{ ...blob }, 'STATE_SECRET'],
    [{ INSTANCES: '2' }, 'STATE_SECRET'],
    [{ STORAGE: 'blob', STATE_SECRET: 's' }, 'BLOB_CONNECTION_STRING'],
  ])('%j stops start-up with one line naming %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReachError);
    expect((error as ReachError).code).toBe(ERROR_CODES.CONFIG_INVALID);
    expect((error as ReachError).message).toContain(name);
    expect((error as ReachError).message).not.toContain('\n');
  });

  test.each([
    [{}, 'memory'],
    [{ ...production }, 'memory'],
    [{ ...production, ...blob, INSTANCES: '3', STATE_SECRET: 's' }, 'blob'],
    [{ INSTANCES: '2', STATE_SECRET: 's' }, 'memory'],
  ])('%j starts with %s state', (env, storage) => {
    expect(loadConfig(env).STORAGE).toBe(storage);
  });
});
