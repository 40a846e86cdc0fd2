import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `predicate` until it returns something truthy, and returns that. The bot works
 * asynchronously (it answers the webhook first), so tests wait for effects, not responses.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs = 5000,
  describe: () => string = () => '',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (Date.now() >= deadline) {
      const detail = describe();
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms${detail ? `\n${detail}` : ''}`);
    }
    await sleep(10);
  }
}
