import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Asks `check` again every `intervalMs` until it returns a value, then returns it; throws after
 * `timeoutMs` naming `what` was awaited. The demo waits like this for what partners do
 * asynchronously (outbox deliveries), as an operator would refresh a screen.
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(intervalMs);
  }
}
