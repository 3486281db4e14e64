export interface RetryPolicy {
  /** attempts in all, the first included */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500, maxMs: 30_000 };

/** Exponential backoff with "equal jitter": half the step fixed, half random. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return step / 2 + (random() * step) / 2;
}

export async function withRetry<T>(
  fn: () => Promise<T>,
  options: {
    policy: RetryPolicy;
    isRetryable: (e: unknown) => boolean;
    random: () => number;
    sleep: (ms: number) => Promise<void>;
    onRetry?: (e: unknown, attempt: number, delayMs: number) => void;
  },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt + 1 >= options.policy.attempts || !options.isRetryable(e)) throw e;
      const delay = backoffDelay(attempt, options.policy, options.random);
      options.onRetry?.(e, attempt + 1, delay);
      await options.sleep(delay);
    }
  }
}

/** Runs `worker` over `items` with at most `limit` in flight. */
export async function inPool<T>(items: readonly T[], limit: number, worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await worker(item);
    }
  });
  await Promise.all(lanes);
}
