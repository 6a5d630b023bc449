/**
 * A small deterministic generator (a linear congruential one): the same seed gives the same numbers,
 * so the same training lines always give the same model.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

/** Shuffle in place (Fisher–Yates) with a generator such as `seededRandom`. */
export function shuffle<T>(items: T[], next: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
