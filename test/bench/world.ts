import { startBot } from '../src/bot-process.ts';
import type { SimulatorOptions } from '../src/simulator/index.ts';
import { createWorld, type World } from '../src/world.ts';

export { BOT_TOKEN, USER_TOKEN } from '../src/world.ts';
export const SECRET = 'whsec-bench-secret';
export type LoadWorld = World;

/**
 * The simulated Chatwoot and the real bot process on loopback, on a temp vault and data dir,
 * for benchmarks and the soak. Long runs keep only the newest bot log lines.
 */
export function startLoadWorld(
  /** `entry`: a bundled bot (`buildBot()`) instead of `tsx bot/src/main.ts`, for fast restarts. */
  opts: { sim?: Partial<SimulatorOptions>; env?: Record<string, string>; entry?: string } = {},
): Promise<LoadWorld> {
  return createWorld({
    secret: SECRET,
    sim: opts.sim,
    env: opts.env,
    start: (env) => startBot(env, { maxLogLines: 5000, timeoutMs: 30_000, ...(opts.entry ? { entry: opts.entry } : {}) }),
  });
}

/** The bot's job counters, from its health endpoint. */
export async function jobCounts(botUrl: string): Promise<Record<string, number>> {
  const res = await fetch(`${botUrl}/healthz`);
  return ((await res.json()) as { jobs: Record<string, number> }).jobs;
}

/** Waits until no webhook is in flight and the bot has no queued or running job. */
export async function drained(world: LoadWorld, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await world.sim.idle();
    const jobs = await jobCounts(world.bot.url).catch(() => undefined);
    if (jobs && jobs.queued === 0 && jobs.running === 0) {
      await new Promise((r) => setTimeout(r, 50));
      const again = await jobCounts(world.bot.url);
      if (again.queued === 0 && again.running === 0) return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
