/** Small helpers for timings: percentiles, clocks, rounding, progress lines. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full garbage collection on demand, without asking whoever runs the bench for --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Collect garbage now, so that the next timing does not pay for someone else's. */
export function collectGarbage(): void {
  gc();
}

/** The p-th percentile (0..100) of some samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Milliseconds since an arbitrary origin, sub-millisecond. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Time one synchronous call, in milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = nowMs();
  const value = fn();
  return { value, ms: nowMs() - start };
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** a / b, rounded; NaN when b is 0. */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : round(a / b, 2);
}

/** A few evenly spaced items of a list (every k-th), so that a sample keeps the list's mix. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!);
}

const started = nowMs();

/** One progress line per stage, with the time since the bench started. */
export function progress(message: string): void {
  const s = ((nowMs() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[bench ${s}s] ${message}`);
}

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same bases every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
}
