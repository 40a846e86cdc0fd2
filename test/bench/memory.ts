import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { load } from './load.ts';
import { ANSWERABLE } from './reply-latency.ts';
import { signedWebhooks } from './signed-webhooks.ts';
import { rssMb } from './stats.ts';
import { drained, SECRET, type LoadWorld } from './world.ts';

const ESCALATING = 'I want a refund, I was charged twice';

export interface MemoryFigures {
  seconds: number;
  intakeRate: number;
  conversations: number;
  /** RSS (MB) once warmed up (after the first tenth of the run), at the end, and the highest seen. */
  rssStartMb: number;
  rssEndMb: number;
  rssPeakMb: number;
  samples: Array<{ s: number; mb: number }>;
  drained: boolean;
  /** DATA_DIR on disk at the end (the queue keeps finished jobs and dedupe keys). */
  dataDirMb: number;
}

const dirMb = (dir: string): number =>
  readdirSync(dir).reduce((sum, n) => sum + statSync(join(dir, n)).size, 0) / 1024 / 1024;

/**
 * A steady mixed load for `seconds`: webhook intake at `intakeRate` req/s, plus a new customer
 * conversation every 250 ms (one in twenty escalates), while the bot's RSS is sampled.
 */
export async function benchMemory(world: LoadWorld, opts: { seconds: number; intakeRate: number; firstConversation: number }) {
  const { sim, bot } = world;
  const started = Date.now();
  const until = started + opts.seconds * 1000;
  const samples: Array<{ s: number; mb: number }> = [];
  const sampler = setInterval(() => samples.push({ s: Math.round((Date.now() - started) / 1000), mb: rssMb(bot.pid) }), 5000);
  let rssStartMb = rssMb(bot.pid);
  const warm = setTimeout(() => (rssStartMb = rssMb(bot.pid)), Math.max(5000, opts.seconds * 100));

  const intake = load({ url: bot.url, seconds: opts.seconds, connections: 4, rate: opts.intakeRate, next: signedWebhooks(SECRET, 90_000_000) });
  let conversations = 0;
  while (Date.now() < until) {
    const t0 = Date.now();
    const id = opts.firstConversation + conversations++;
    await sim.customerSays(1, id, conversations % 20 === 0 ? ESCALATING : ANSWERABLE);
    await sleep(Math.max(0, t0 + 250 - Date.now()));
  }
  await intake;
  clearInterval(sampler);
  clearTimeout(warm);
  const ok = await drained(world, 60_000);
  const rssEndMb = rssMb(bot.pid);
  samples.push({ s: Math.round((Date.now() - started) / 1000), mb: rssEndMb });
  return {
    seconds: opts.seconds,
    intakeRate: opts.intakeRate,
    conversations,
    rssStartMb,
    rssEndMb,
    rssPeakMb: Math.max(...samples.map((x) => x.mb)),
    samples,
    drained: ok,
    dataDirMb: dirMb(world.dataDir),
  } satisfies MemoryFigures;
}
