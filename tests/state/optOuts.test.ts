import { MemoryStorage, type Storage } from 'botbuilder';
import { optOutKeyHasher, stateKeyHasher } from '../../src/state/keys';
import { OptOutStore } from '../../src/state/optOuts';
import { fakeClock, MINUTE } from './support';

const PHONE = '+19195550123';

function storeOn(inner: Storage, secret: string | undefined, now?: () => number): OptOutStore {
  return new OptOutStore(inner, { hashKey: optOutKeyHasher(secret), now });
}

const contents = (inner: MemoryStorage) => (inner as unknown as { memory: Record<string, string> }).memory;

describe('the opt-out store', () => {
  test('keeps an opt-out under a keyed hash, with nothing but the time it was written', async () => {
    const inner = new MemoryStorage();
    const store = storeOn(inner, 'secret-a');
    expect(await store.isStopped('sms', PHONE)).toBe(false);
    await store.stop('sms', PHONE);
    expect(await store.isStopped('sms', PHONE)).toBe(true);
    const kept = contents(inner);
    const [key] = Object.keys(kept);
    expect(Object.keys(kept)).toHaveLength(1);
    expect(key).toMatch(/^optout-[A-Za-z0-9_-]{43}$/);
    const item = JSON.parse(kept[key!]!) as Record<string, unknown>;
    expect(Object.keys(item).sort()).toEqual(['eTag', 'optOut', 'touchedAt']);
    expect(JSON.stringify(kept)).not.toMatch(/9195550123|sms/);
  });

  test('lasts until START, however long that is', async () => {
    const clock = fakeClock();
    const store = storeOn(new MemoryStorage(), 'secret-a', clock.now);
    await store.stop('sms', PHONE);
    clock.advance(365 * 24 * 60 * MINUTE);
    expect(await store.isStopped('sms', PHONE)).toBe(true);
    await store.resume('sms', PHONE);
    expect(await store.isStopped('sms', PHONE)).toBe(false);
  });

  test('is per channel and per sender', async () => {
    const store = storeOn(new MemoryStorage(), 'secret-a');
    await store.stop('sms', PHONE);
    expect(await store.isStopped('SMS', PHONE)).toBe(true);
    expect(await store.isStopped('whatsapp', PHONE)).toBe(false);
    expect(await store.isStopped('sms', '+19195550124')).toBe(false);
  });

  test('instances sharing STATE_SECRET agree; another secret finds nothing', async () => {
    const inner = new MemoryStorage();
    await storeOn(inner, 'secret-a').stop('sms', PHONE);
    expect(await storeOn(inner, 'secret-a').isStopped('sms', PHONE)).toBe(true);
    expect(await storeOn(inner, 'secret-b').isStopped('sms', PHONE)).toBe(false);
  });

  test('its names are never the names of conversation state, even for the same id and secret', () => {
    expect(optOutKeyHasher('s')('sms/x')).not.toBe(stateKeyHasher('s')('sms/x'));
    expect(optOutKeyHasher('s')('sms/x').replace('optout-', '')).not.toBe(stateKeyHasher('s')('sms/x').replace('conv-', ''));
  });

  test('when storage fails it says it does not know, and a STOP that was not kept throws', async () => {
    const broken: Storage = {
      read: () => Promise.reject(new Error('down')),
      write: () => Promise.reject(new Error('down')),
      delete: () => Promise.reject(new Error('down')),
    };
    const store = storeOn(broken, 'secret-a');
    expect(await store.isStopped('sms', PHONE)).toBeNull();
    await expect(store.stop('sms', PHONE)).rejects.toThrow();
  });
});
