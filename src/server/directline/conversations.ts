import type { Activity } from 'botbuilder';

/** Limits of the built-in Direct Line, named in one place. */
export const DIRECT_LINE = Object.freeze({
  /** Token lifetime: longer than the 15 minutes after which the page (public/directline.js) refreshes it. */
  tokenTtlMs: 30 * 60_000,
  /** A conversation with no request and no open stream this long is forgotten (a stream's pings keep it). */
  idleMs: 30 * 60_000,
  /** How often forgotten conversations are swept. */
  sweepMs: 60_000,
  /** Open conversations at once; past this, and with none idle to let go, a new one gets 503. */
  maxConversations: 5_000,
  /**
   * Open conversations per client address (hashed). Several people can share one address (a shelter's
   * wifi, a phone carrier's gateway), so past this a client's own idle conversations go first, and only
   * when all of them are in use is it refused (429): one address cannot fill the store for everyone.
   */
  maxPerClient: 20,
  /** A conversation nobody has posted to, polled or kept a stream open to for this long may be let go. */
  evictIdleMs: 3 * 60_000,
  /** A conversation in which the person has never written may be let go this long after it opened. */
  evictSilentMs: 60_000,
  /** Activities waiting to be fetched per conversation; the oldest go first past this. */
  maxPending: 100,
  /** Turns waiting behind the one running, per conversation; past this a post gets 429. */
  maxQueuedTurns: 4,
});

export type OutgoingActivity = Partial<Activity> & { id: string };

interface Pending {
  readonly seq: number;
  readonly activity: OutgoingActivity;
}

/**
 * One conversation of the built-in Direct Line. It holds activities only until the page has fetched
 * them (the watermark it sends back acknowledges them), so the server never builds up a transcript.
 */
export class DirectLineConversation {
  started = false;
  /** The person has posted a message (not only opened the conversation and polled it). */
  spoken = false;
  lastUsed: number;
  readonly opened: number;
  private seq = 0;
  private pending: Pending[] = [];
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    readonly id: string,
    readonly userId: string,
    now: number,
    /** Opaque hash of the address that opened it. */
    readonly client: string = '',
  ) {
    this.lastUsed = now;
    this.opened = now;
  }

  /** Whether it may be let go to make room for someone new. */
  evictable(now: number): boolean {
    return now - this.lastUsed >= DIRECT_LINE.evictIdleMs || (!this.spoken && now - this.opened >= DIRECT_LINE.evictSilentMs);
  }

  /** Give the activity the next id and keep it until the page has fetched it. */
  push(activity: Partial<Activity>): OutgoingActivity {
    this.seq += 1;
    const stored: OutgoingActivity = { ...activity, id: `${this.id}|${String(this.seq).padStart(7, '0')}` };
    this.pending.push({ seq: this.seq, activity: stored });
    if (this.pending.length > DIRECT_LINE.maxPending) this.pending.splice(0, this.pending.length - DIRECT_LINE.maxPending);
    return stored;
  }

  /**
   * Activities after the watermark, and the new watermark. Everything at or before the watermark the
   * page already has: it is dropped here.
   */
  fetch(watermark: number): { activities: OutgoingActivity[]; watermark: string } {
    this.pending = this.pending.filter((p) => p.seq > watermark);
    return { activities: this.pending.map((p) => p.activity), watermark: String(this.seq) };
  }

  /** Run turns one after another, so replies keep the order of the messages that caused them. */
  enqueue(turn: () => Promise<void>): Promise<void> | null {
    if (this.queued > DIRECT_LINE.maxQueuedTurns) return null;
    this.queued += 1;
    const run = this.chain.then(turn).finally(() => {
      this.queued -= 1;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  forget(): void {
    this.pending = [];
  }
}

/** Why a conversation could not be opened: this client holds its share in use, or everyone's is. */
export type Refused = 'client-full' | 'full';

/**
 * The open conversations, swept when idle. Limited in total and per client; the map is kept in order of
 * last use, so the least recently used conversation is always first.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, DirectLineConversation>();
  private readonly byClient = new Map<string, Set<string>>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.timer = setInterval(() => this.sweep(), DIRECT_LINE.sweepMs);
    this.timer.unref();
  }

  /**
   * A new conversation for a client (an opaque key), or why not. A client at its share lets its own
   * idle conversation go first; a full store lets the least recently used idle one go. Only when none is
   * idle is the visitor refused.
   */
  create(id: string, userId: string, client = ''): DirectLineConversation | Refused {
    const now = this.now();
    const own = this.byClient.get(client);
    if (own && own.size >= DIRECT_LINE.maxPerClient) {
      const idle = [...own].map((c) => this.conversations.get(c)!).find((c) => c.evictable(now));
      if (!idle) return 'client-full';
      this.remove(idle);
    }
    if (this.conversations.size >= DIRECT_LINE.maxConversations) this.sweep();
    if (this.conversations.size >= DIRECT_LINE.maxConversations) {
      const idle = this.leastRecentlyUsedIdle(now);
      if (!idle) return 'full';
      this.remove(idle);
    }
    const conversation = new DirectLineConversation(id, userId, now, client);
    this.conversations.set(id, conversation);
    const ids = this.byClient.get(client) ?? new Set<string>();
    ids.add(id);
    this.byClient.set(client, ids);
    return conversation;
  }

  /** The conversation, marked as used now. */
  get(id: string): DirectLineConversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) {
      conversation.lastUsed = this.now();
      // Moved to the end: the map stays in order of last use.
      this.conversations.delete(id);
      this.conversations.set(id, conversation);
    }
    return conversation;
  }

  get size(): number {
    return this.conversations.size;
  }

  /** How many conversations a client holds now. */
  heldBy(client: string): number {
    return this.byClient.get(client)?.size ?? 0;
  }

  sweep(): void {
    const now = this.now();
    for (const conversation of this.conversations.values()) {
      // In order of last use: the first one used recently enough ends the sweep.
      if (now - conversation.lastUsed < DIRECT_LINE.idleMs) break;
      this.remove(conversation);
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const conversation of this.conversations.values()) conversation.forget();
    this.conversations.clear();
    this.byClient.clear();
  }

  /** Idle ones are found among the least recently used first; silent ones may have been polled lately. */
  private leastRecentlyUsedIdle(now: number): DirectLineConversation | undefined {
    for (const conversation of this.conversations.values()) if (conversation.evictable(now)) return conversation;
    return undefined;
  }

  private remove(conversation: DirectLineConversation): void {
    conversation.forget();
    this.conversations.delete(conversation.id);
    const ids = this.byClient.get(conversation.client);
    ids?.delete(conversation.id);
    if (ids?.size === 0) this.byClient.delete(conversation.client);
  }
}
