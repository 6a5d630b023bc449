import { loadConfig } from '../../src/config';
import { expectConfigError } from '../helpers/config';

const production = { NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' };
const blob = { STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' };

describe('state configuration', () => {
  test.each([
    [{ ...production, INSTANCES: '3', STATE_SECRET: 's' }, 'STORAGE'],
    [{ ...blob }, 'STATE_SECRET'],
    [{ INSTANCES: '2' }, 'STATE_SECRET'],
    [{ STORAGE: 'blob', STATE_SECRET: 's' }, 'BLOB_CONNECTION_STRING'],
  ])('%j stops start-up with one line naming %s', (env, name) => expectConfigError(env, name));

  test.each([
    [{}, 'memory'],
    [{ ...production }, 'memory'],
    [{ ...production, ...blob, INSTANCES: '3', STATE_SECRET: 's' }, 'blob'],
    [{ INSTANCES: '2', STATE_SECRET: 's' }, 'memory'],
  ])('%j starts with %s state', (env, storage) => {
    expect(loadConfig(env).STORAGE).toBe(storage);
  });
});
