import type { Activity } from 'botbuilder';

/** Limits of the built-in Direct Line, named in one place. */
export const DIRECT_LINE = Object.freeze({
  /** Token lifetime. Web Chat refreshes its token every 15 minutes, so this must be longer than that. */
  tokenTtlMs: 30 * 60_000,
  /** A conversation nobody has polled for this long is forgotten (the page polls every second). */
  idleMs: 30 * 60_000,
  /** How often forgotten conversations are swept. */
  sweepMs: 60_000,
  /** Open conversations at once; past this the token endpoint answers 503 instead of using more memory. */
  maxConversations: 5_000,
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
  lastUsed: number;
  private seq = 0;
  private pending: Pending[] = [];
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    readonly id: string,
    readonly userId: string,
    now: number,
  ) {
    this.lastUsed = now;
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

/** The open conversations, swept when idle. */
export class ConversationStore {
  private readonly conversations = new Map<string, DirectLineConversation>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.timer = setInterval(() => this.sweep(), DIRECT_LINE.sweepMs);
    this.timer.unref();
  }

  /** A new conversation, or null when the store is full. */
  create(id: string, userId: string): DirectLineConversation | null {
    if (this.conversations.size >= DIRECT_LINE.maxConversations) this.sweep();
    if (this.conversations.size >= DIRECT_LINE.maxConversations) return null;
    const conversation = new DirectLineConversation(id, userId, this.now());
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** The conversation, marked as used now. */
  get(id: string): DirectLineConversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) conversation.lastUsed = this.now();
    return conversation;
  }

  get size(): number {
    return this.conversations.size;
  }

  sweep(): void {
    const now = this.now();
    for (const [id, conversation] of this.conversations) {
      if (now - conversation.lastUsed >= DIRECT_LINE.idleMs) {
        conversation.forget();
        this.conversations.delete(id);
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const conversation of this.conversations.values()) conversation.forget();
    this.conversations.clear();
  }
}
