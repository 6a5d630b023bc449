import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ERROR_CODES, isReachError } from '../errors';

/** How a turn waits for and retries its state. */
export const TURN_STATE = Object.freeze({
  /** Conflicts need two instances on one conversation at one moment; each retry re-reads. */
  attempts: 4,
  /** Longest wait behind an earlier turn of the same conversation on this instance. */
  queueWaitMs: 4_000,
  /**
   * No new attempt starts after this. With 2 s per storage call the worst turn stays well inside the
   * 15 s limit channels allow before retrying.
   */
  budgetMs: 8_000,
});

/** What a turn decided, and what to remember afterwards (null: erase everything). */
export interface StepResult<M, T> {
  readonly result: T;
  readonly memory: M | null;
}

export interface TurnOutcome<T> {
  readonly result: T;
  /** True when state could not be read or saved: the turn was answered without it. */
  readonly stateless: boolean;
}

function delay(ms: number): { promise: Promise<false>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Runs the state part of a turn: one turn at a time per conversation on this instance, the decision made
 * on the state as read, saved with its ETag, and decided again if another instance saved first. Replies
 * go out only after this returns, so a reply never promises what was not kept. When storage fails or is
 * slow the decision is made on empty memory and the turn still answers.
 */
export class StatefulTurns<M extends object> {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly state: ConversationState,
    private readonly property: StatePropertyAccessor<M>,
    private readonly empty: M,
    private readonly limits: { readonly [K in keyof typeof TURN_STATE]: number } = TURN_STATE,
  ) {}

  async run<T>(context: TurnContext, step: (memory: M) => StepResult<M, T>): Promise<TurnOutcome<T>> {
    let key: string | undefined;
    try {
      key = this.state.getStorageKey(context);
    } catch {
      key = undefined;
    }
    const release = key ? await this.enter(key) : null;
    if (!release) return this.stateless(context, step);
    try {
      return await this.attempt(context, step);
    } finally {
      release();
    }
  }

  private async attempt<T>(
    context: TurnContext,
    step: (memory: M) => StepResult<M, T>,
  ): Promise<TurnOutcome<T>> {
    const started = Date.now();
    let last: StepResult<M, T> | undefined;
    for (
      let i = 0;
      i < this.limits.attempts && (i === 0 || Date.now() - started < this.limits.budgetMs);
      i += 1
    ) {
      let memory: M;
      try {
        await this.state.load(context, i > 0);
        memory = (await this.property.get(context, this.empty)) as M;
      } catch {
        return last ? { result: last.result, stateless: true } : this.stateless(context, step);
      }
      last = step(memory);
      try {
        if (last.memory) {
          await this.property.set(context, last.memory);
          await this.state.saveChanges(context, true);
        } else {
          await this.state.delete(context);
        }
        return { result: last.result, stateless: false };
      } catch (error) {
        if (isReachError(error) && error.code === ERROR_CODES.STATE_CONFLICT) continue;
        return { result: last.result, stateless: true };
      }
    }
    // Conflicts outlasted the budget: answer from the last decision rather than not at all.
    return { result: (last as StepResult<M, T>).result, stateless: true };
  }

  private async stateless<T>(
    context: TurnContext,
    step: (memory: M) => StepResult<M, T>,
  ): Promise<TurnOutcome<T>> {
    const out = step(this.empty);
    // A wipe is still attempted; if storage is down, the guarded storage keeps it pending and serves
    // nothing under that key until the deletion goes through.
    if (out.memory === null) await this.state.delete(context).catch(() => undefined);
    return { result: out.result, stateless: true };
  }

  /** Wait for earlier turns of this conversation; null if that takes too long (run without state). */
  private async enter(key: string): Promise<(() => void) | null> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    let open!: () => void;
    const mine = new Promise<void>((resolve) => (open = resolve));
    const tail = previous.then(() => mine);
    this.queues.set(key, tail);
    const release = () => {
      open();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    };
    const timeout = delay(this.limits.queueWaitMs);
    const ready = await Promise.race([previous.then(() => true as const), timeout.promise]);
    timeout.cancel();
    if (ready) return release;
    release();
    return null;
  }
}
