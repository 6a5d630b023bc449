import { isLocalMode, loadConfig } from '../src/config';
import { expectConfigError } from './helpers/config';

describe('configuration', () => {
  test('built-in defaults run the bot locally', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, KNOWLEDGE_DIR: './knowledge', DEFAULT_LOCALE: 'en', LOG_LEVEL: 'info' });
    expect(isLocalMode(config)).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('trained topic models are kept under node_modules/.cache unless TOPIC_MODEL_CACHE says where, or off', () => {
    expect(loadConfig({}).TOPIC_MODEL_CACHE).toBe('./node_modules/.cache/reach-topics');
    expect(loadConfig({ TOPIC_MODEL_CACHE: '/var/cache/reach' }).TOPIC_MODEL_CACHE).toBe('/var/cache/reach');
    expect(loadConfig({ TOPIC_MODEL_CACHE: 'off' }).TOPIC_MODEL_CACHE).toBeNull();
  });

  test('an app id leaves local mode', () => {
    expect(isLocalMode(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x' }))).toBe(false);
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MicrosoftAppType: 'Other' }, 'MicrosoftAppType'],
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'abc' }, 'MicrosoftAppTenantId'],
  ])('%j stops start-up with one line naming %s', (env, name) => expectConfigError(env, name));
});
