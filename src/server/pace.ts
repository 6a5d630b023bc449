/**
 * Turns start one per pass of the event loop. A turn's decision (safety, language, search) is
 * synchronous: twenty messages read in one pass would otherwise run back to back, and `/healthz`, other
 * conversations and the turn time limit would wait for all of them. Started one per pass, between any
 * two decisions the server answers whatever else has arrived. Turns still overlap while they wait on
 * storage; only their starts are spaced, by one pass (microseconds when nothing else is waiting).
 */
export class TurnPacer {
  private last: Promise<void> = Promise.resolve();

  /** Resolves when this turn may start: after every earlier turn has started, one pass of the loop later. */
  next(): Promise<void> {
    const mine = this.last.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    this.last = mine;
    return mine;
  }
}
