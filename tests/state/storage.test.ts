import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { ERROR_CODES, ReachError } from '../../src/errors';
import { createLogger } from '../../src/log';
import { createConversationStore, GuardedStorage, type ConversationStore } from '../../src/state';
import { SharedConversationState } from '../../src/state/conversationState';
import { stateKeyHasher } from '../../src/state/keys';
import { botOn, fakeClock, MINUTE, say } from './support';

const silent = createLogger('silent');

/** Conversation state over a memory storage whose raw contents the test can inspect. */
function storeOver(inner: Storage, now: () => number, env: Record<string, string> = {}): ConversationStore {
  const config = loadConfig({ LOG_LEVEL: 'silent', STATE_SECRET: 'test-secret-0123456789', ...env });
  return createConversationStore(config, { logger: silent, now, inner });
}

/** A memory storage that can be told to fail deletes, or to hold reads until two turns have read. */
class ControlledStorage implements Storage {
  readonly raw: Record<string, string> = {};
  readonly memory = new MemoryStorage(this.raw);
  failDeletes = false;
  private waiting: (() => void)[] = [];
  private barrier = 0;

  /** The next `n` reads wait for one another, so `n` turns all read before any of them saves. */
  holdReads(n: number): void {
    this.barrier = n;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.memory.read(keys);
    if (this.barrier > 0) {
      this.barrier -= 1;
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        if (this.barrier === 0) for (const go of this.waiting.splice(0)) go();
      });
    }
    return items;
  }

  write(changes: StoreItems): Promise<void> {
    return this.memory.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    return this.failDeletes ? Promise.reject(new Error('storage unreachable')) : this.memory.delete(keys);
  }
}

describe('conversation state: keys, expiry and wipe', () => {
  const stores: ConversationStore[] = [];
  const track = (store: ConversationStore) => (stores.push(store), store);
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });

  test('storage holds only an opaque key and the language, misses and menu, and one secret finds it again', async () => {
    const clock = fakeClock();
    const inner = new ControlledStorage();
    const a = await botOn(track(storeOver(inner, clock.now)).conversationState);
    expect((await say(a, 'español')).locale).toBe('es');

    const keys = Object.keys(inner.raw);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^conv-[A-Za-z0-9_-]{43}$/);
    const stored = JSON.parse(inner.raw[keys[0]!]!) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['eTag', 'reach', 'touchedAt']);
    expect(
      Object.keys(stored.reach as object).every((k) => ['locale', 'misses', 'lastMenu'].includes(k)),
    ).toBe(true);
    expect(JSON.stringify(stored)).not.toMatch(/Convo1|espa/i);

    // Another instance with the same secret continues the conversation; one with another secret cannot.
    const b = await botOn(track(storeOver(inner, clock.now)).conversationState);
    expect(await say(b, 'asdfgh')).toMatchObject({ kind: 'fallback', locale: 'es' });
    const stranger = await botOn(
      track(storeOver(inner, clock.now, { STATE_SECRET: 'another-secret-98765' })).conversationState,
    );
    expect(await say(stranger, 'asdfgh')).toMatchObject({ kind: 'fallback', locale: 'en' });
  });

  test('a conversation idle for STATE_TTL_MINUTES is forgotten, and the sweep deletes it', async () => {
    const clock = fakeClock();
    const inner = new ControlledStorage();
    const store = track(storeOver(inner, clock.now, { STATE_TTL_MINUTES: '30' }));
    const bot = await botOn(store.conversationState);
    await say(bot, 'español');
    clock.advance(29 * MINUTE);
    expect(await say(bot, 'asdfgh')).toMatchObject({ kind: 'fallback', locale: 'es' });

    clock.advance(29 * MINUTE);
    await store.storage.sweep();
    expect(Object.keys(inner.raw)).toHaveLength(1);

    clock.advance(2 * MINUTE);
    await store.storage.sweep();
    expect(inner.raw).toEqual({});
    // Language and the miss count are gone: an unclear message is answered in the default language,
    // and a miss is the first one, not the second (which would offer the hotline).
    expect(await say(bot, 'qwertyuiop')).toMatchObject({ kind: 'fallback', locale: 'en' });
  });

  test('an expired item is not served even before the sweep reaches it', async () => {
    const clock = fakeClock();
    const inner = new ControlledStorage();
    const bot = await botOn(
      track(storeOver(inner, clock.now, { STATE_TTL_MINUTES: '30' })).conversationState,
    );
    await say(bot, 'español');
    await say(bot, 'asdfgh');
    clock.advance(31 * MINUTE);
    expect(await say(bot, 'qwertyuiop')).toMatchObject({ kind: 'fallback', locale: 'en' });
  });

  test.each(['borrar', 'delete'])('"%s" deletes the stored item at once', async (word) => {
    const clock = fakeClock();
    const inner = new ControlledStorage();
    const bot = await botOn(track(storeOver(inner, clock.now)).conversationState);
    await say(bot, 'español');
    await say(bot, 'asdfgh');
    expect(Object.keys(inner.raw)).toHaveLength(1);
    expect(await say(bot, word)).toMatchObject({ kind: 'notice' });
    expect(inner.raw).toEqual({});
    expect(await say(bot, 'qwertyuiop')).toMatchObject({ kind: 'fallback', locale: 'en' });
  });

  test('a wipe the storage refuses is never served again, and the sweep finishes it', async () => {
    const clock = fakeClock();
    const inner = new ControlledStorage();
    const store = track(storeOver(inner, clock.now));
    const bot = await botOn(store.conversationState);
    await say(bot, 'español');
    inner.failDeletes = true;
    expect(await say(bot, 'borrar')).toMatchObject({ kind: 'notice' });
    expect(Object.keys(inner.raw)).toHaveLength(1);

    inner.failDeletes = false;
    clock.advance(MINUTE);
    await store.storage.sweep();
    expect(inner.raw).toEqual({});
  });

  test('after a wipe the storage refused, the next turn starts afresh and replaces the old item', async () => {
    const clock = fakeClock();
    const inner = new ControlledStorage();
    const bot = await botOn(track(storeOver(inner, clock.now)).conversationState);
    await say(bot, 'español');
    inner.failDeletes = true;
    await say(bot, 'borrar');
    clock.advance(MINUTE);
    expect(await say(bot, 'asdfgh')).toMatchObject({ kind: 'fallback', locale: 'en' });
    const [only] = Object.values(inner.raw);
    expect(JSON.parse(only!)).toMatchObject({ reach: { locale: 'en', misses: 1 } });
  });
});

describe('conversation state: concurrency and failures', () => {
  test('two instances saving one conversation at once: the second is decided again, no miss is lost', async () => {
    const inner = new ControlledStorage();
    const clock = fakeClock();
    const guarded = () =>
      new GuardedStorage(inner, {
        hashKey: stateKeyHasher('shared-secret-0123456'),
        ttlMs: 30 * MINUTE,
        now: clock.now,
      });
    const a = await botOn(new SharedConversationState(guarded()));
    const b = await botOn(new SharedConversationState(guarded()));
    await say(a, 'español');

    inner.holdReads(2);
    const [first, second] = await Promise.all([say(a, 'asdfgh'), say(b, 'qwertyuiop')]);
    // Both read "no misses"; the one that saved second had to decide again on one miss.
    expect([first.kind, second.kind].sort()).toEqual(['fallback', 'handoff']);
    expect([first, second].find((o) => o.kind === 'handoff')).toMatchObject({
      reason: 'repeated-misses',
      locale: 'es',
    });
  });

  test('a storage call slower than the limit is abandoned; calls fail fast during the cooldown, then try again', async () => {
    const clock = fakeClock();
    let calls = 0;
    const hanging: Storage = {
      read: () => (calls++, new Promise<StoreItems>(() => undefined)),
      write: () => new Promise<void>(() => undefined),
      delete: () => new Promise<void>(() => undefined),
    };
    const storage = new GuardedStorage(hanging, {
      hashKey: stateKeyHasher('s'),
      ttlMs: MINUTE,
      now: clock.now,
      timeoutMs: 50,
      cooldownMs: 5_000,
    });
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: ReachError) => e.code,
      );

    expect(await code(storage.read(['k']))).toBe(ERROR_CODES.STATE_UNAVAILABLE);
    expect(await code(storage.read(['k']))).toBe(ERROR_CODES.STATE_UNAVAILABLE);
    expect(await storage.check()).toBe(false);
    expect(calls).toBe(1);
    clock.advance(5_001);
    expect(await code(storage.read(['k']))).toBe(ERROR_CODES.STATE_UNAVAILABLE);
    expect(calls).toBe(2);
  });

  const failing: Storage = {
    read: () => Promise.reject(new Error('connect ECONNREFUSED')),
    write: () => Promise.reject(new Error('connect ECONNREFUSED')),
    delete: () => Promise.reject(new Error('connect ECONNREFUSED')),
  };
  const hangingStorage: Storage = {
    read: () => new Promise<StoreItems>(() => undefined),
    write: () => new Promise<void>(() => undefined),
    delete: () => new Promise<void>(() => undefined),
  };

  describe.each([
    ['fails', failing],
    ['hangs', hangingStorage],
  ])('when storage %s, every turn is still answered', (_how, inner) => {
    const turns: [string, Record<string, unknown>, RegExp | null][] = [
      [
        'he locked me in and took my phone',
        { kind: 'handoff', reason: 'danger', locale: 'en' },
        /^If you are in danger right now, call 911\./,
      ],
      [
        'me tienen encerrada y no puedo salir',
        { kind: 'handoff', reason: 'danger', locale: 'es' },
        /^Si está en peligro en este momento, llame al 911\./,
      ],
      ['what is a t visa', { kind: 'answer', topic: 'rights.t-visa', locale: 'en' }, null],
      ['que es la visa t', { kind: 'answer', topic: 'rights.t-visa', locale: 'es' }, null],
      ['borrar', { kind: 'notice' }, null],
    ];
    test.each(turns)('%s', async (text, expected, firstLine) => {
      const storage = new GuardedStorage(inner, {
        hashKey: stateKeyHasher('s'),
        ttlMs: 30 * MINUTE,
        timeoutMs: 50,
      });
      const bot = await botOn(new SharedConversationState(storage));
      const outcome = await say(bot, text);
      expect(outcome).toMatchObject(expected);
      if (firstLine) expect(outcome.text).toMatch(firstLine);
    });
  });
});
