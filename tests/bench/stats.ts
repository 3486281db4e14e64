/** Timing helpers of the benchmark: percentiles, a timed loop, a peak-RSS sampler. */

/** The p-th percentile (0–100) of `samples`, nearest-rank on a sorted copy. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function distribution(samples: readonly number[]): Distribution {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
}

/** Milliseconds `fn` took. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Runs `fn(i)` `warmup` times untimed, then `iterations` times timed: the samples in ms. */
export async function sample(iterations: number, fn: (i: number) => unknown, warmup = 5): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn(warmup + i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Samples process.memoryUsage().rss every `everyMs` until stopped: the peak seen, in bytes. */
export function rssSampler(everyMs = 20): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

export const MB = 1024 * 1024;
export const KB = 1024;
