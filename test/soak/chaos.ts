import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadWorld } from '../bench/world.ts';
import type { Fault, Plan } from './plan.ts';

export interface ChaosCounts {
  kills: number;
  /** When each SIGKILL was sent (epoch ms). */
  killedAt: number[];
  faults: Record<string, number>;
  /** Longest time the bot took to come back after a kill, ms. */
  slowestRestartMs: number;
}

/** Must stay above CHATWOOT_TIMEOUT_MS so the bot gives up while Chatwoot still does the work. */
export function injectFault(world: LoadWorld, fault: Fault, timeoutMs: number): string {
  const filter = { ...(fault.method ? { method: fault.method } : {}), ...(fault.path ? { path: fault.path } : {}) };
  if (fault.kind === '5xx') world.sim.faults.failNext(fault.times, { status: fault.status, ...filter });
  else if (fault.kind === '429') world.sim.faults.failNext(1, { status: 429, retryAfterSec: fault.retryAfterSec, ...filter });
  else world.sim.faults.delayNext(1, timeoutMs + 300, filter);
  return fault.kind === '5xx' ? String(fault.status) : fault.kind;
}

/**
 * Runs the plan's faults and kills on their own clocks until `stop` resolves. A kill is a
 * SIGKILL; the bot comes back on the same DATA_DIR and vault after the planned down time.
 */
export function startChaos(
  world: LoadWorld,
  plan: Plan,
  opts: { timeoutMs: number; log: (line: string) => void; beforeRestart: () => void },
) {
  const counts: ChaosCounts = { kills: 0, killedAt: [], faults: {}, slowestRestartMs: 0 };
  let up: Promise<void> = Promise.resolve();
  const stopping = new AbortController();
  /** false once stop() was called: the loops end without waiting out their timers. */
  const wait = (ms: number) => sleep(ms, true, { signal: stopping.signal }).catch(() => false);

  const faults = (async () => {
    for (const { afterMs, fault } of plan.faults) {
      if (!(await wait(afterMs))) return;
      const label = injectFault(world, fault, opts.timeoutMs);
      counts.faults[label] = (counts.faults[label] ?? 0) + 1;
    }
  })();

  const kills = (async () => {
    for (const { afterMs, downMs } of plan.kills) {
      if (!(await wait(afterMs))) return;
      let back = () => {};
      up = new Promise((resolve) => (back = resolve));
      counts.killedAt.push(Date.now());
      await world.bot.kill();
      opts.beforeRestart();
      counts.kills++;
      const t0 = Date.now();
      await sleep(downMs);
      await world.restartBot();
      back();
      counts.slowestRestartMs = Math.max(counts.slowestRestartMs, Date.now() - t0);
      opts.log(`kill #${counts.kills}: bot down ${Date.now() - t0} ms`);
    }
  })();

  return {
    counts,
    /** Resolves when the bot is running (new conversations wait for it; ongoing ones do not). */
    botUp: () => up,
    async stop() {
      stopping.abort();
      await Promise.all([faults, kills]);
      world.sim.faults.clear();
    },
  };
}
