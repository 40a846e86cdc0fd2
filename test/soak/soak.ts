import { rmSync } from 'node:fs';
import { drained, jobCounts, startLoadWorld } from '../bench/world.ts';
import { buildBot } from '../src/bot-build.ts';
import { startChaos } from './chaos.ts';
import { check } from './check.ts';
import { playConversation, type Ledger } from './customers.ts';
import { keepJobLog } from './job-log.ts';
import { makePlan } from './plan.ts';
import { taskConversations } from './vault-tasks.ts';

export interface SoakOptions {
  seconds: number;
  conversations: number;
  seed: number;
  /** Customers talking at the same time. */
  concurrency?: number;
  log?: (line: string) => void;
}

/** The bot's Chatwoot timeout in the soak: short, so injected delays become timeouts quickly. */
const CHATWOOT_TIMEOUT_MS = 500;

/**
 * Conversations (answered, escalated, taken over by an agent) against the real bot while the
 * simulator fails, throttles and stalls calls, re-sends deliveries, and the bot is SIGKILLed and
 * restarted; then the queue drains and the invariants are checked. Bounded by `seconds` and
 * `conversations`, whichever ends first, plus the drain (at most 90 s).
 */
export async function runSoak(opts: SoakOptions) {
  const log = opts.log ?? (() => {});
  const plan = makePlan(opts.seed, { conversations: opts.conversations, seconds: opts.seconds, firstId: 1000 });
  // Bundled once, so a restart after SIGKILL takes a fraction of tsx's start-up.
  const entry = await buildBot();
  const world = await startLoadWorld({
    entry,
    sim: { retryWaitMs: 100 },
    env: { CHATWOOT_TIMEOUT_MS: String(CHATWOOT_TIMEOUT_MS), CHATWOOT_RATE_PER_SECOND: '100', WORKER_CONCURRENCY: '4' },
  }).catch((err: unknown) => {
    rmSync(entry, { force: true });
    throw err;
  });
  const ledger: Ledger = { messages: [], slow: 0 };
  const jobLog = keepJobLog(world);
  const chaos = startChaos(world, plan, { timeoutMs: CHATWOOT_TIMEOUT_MS, log, beforeRestart: jobLog.take });
  try {
    const started = Date.now();
    const deadline = started + opts.seconds * 1000;
    const queue = [...plan.conversations];
    const customer = async () => {
      for (let next = queue.shift(); next && Date.now() < deadline; next = queue.shift()) {
        await chaos.botUp();
        await playConversation(world.sim, next, ledger, { seed: opts.seed, deadline });
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 10 }, customer));
    const trafficMs = Date.now() - started;
    await chaos.stop();
    log(`traffic done after ${(trafficMs / 1000).toFixed(1)} s; waiting for the queue to drain`);
    const drainStarted = Date.now();
    const ok = await drained(world, 90_000);
    const drainMs = Date.now() - drainStarted;
    jobLog.stop();
    const jobs = await jobCounts(world.bot.url);
    const result = check({
      sim: world.sim,
      ledger,
      tasks: taskConversations(world.vaultDir),
      jobs,
      drained: ok,
      killedAt: chaos.counts.killedAt,
      jobLog: jobLog.lines,
    });
    return { ...result, chaos: chaos.counts, trafficMs, drainMs, slowWaits: ledger.slow, jobs, jobLog: jobLog.lines };
  } finally {
    await chaos.stop();
    jobLog.stop();
    await world.close();
    rmSync(entry, { force: true });
  }
}
export type SoakResult = Awaited<ReturnType<typeof runSoak>>;
