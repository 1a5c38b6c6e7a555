/**
 * When to try a failed delivery again: exponential backoff from 1 s, capped at 15 min, with full
 * jitter so that many messages failing together do not return together.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 1000, maxDelayMs: 15 * 60 * 1000 };

export function retryDelayMs(policy: RetryPolicy, attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  // Half fixed, half random: never immediately, never in lock step.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Whether a failure can heal by itself. A partner's 2xxx answer says our message is wrong: retrying
 * the same bytes cannot help, so it goes straight to the dead letters for an operator. That holds
 * for a 404 with an OCPI envelope too (the partner's OCPI layer does not know the object or
 * party; a 404 without one, a missing endpoint, is retried), once the outbox could not repair it
 * with a PUT of the whole object.
 */
export function isRetriable(ocpiStatus: number | null, httpStatus: number | null): boolean {
  if (ocpiStatus !== null && ocpiStatus >= 2000 && ocpiStatus < 3000 && httpStatus !== 401 && httpStatus !== 408 && httpStatus !== 429) return false;
  return true;
}
