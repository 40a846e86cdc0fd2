import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, paced, pooled, type LoadResult } from './load.ts';
import { signedWebhooks } from './signed-webhooks.ts';
import { median } from './stats.ts';

const CONNECTIONS = 10;
const WARMUP_SECONDS = 2;

export interface SideFigures {
  /** Fixed offered load, open loop (loadtest), the rounds pooled. */
  fixed: LoadResult;
  /** Unthrottled, closed loop (autocannon, 10 connections), the rounds pooled (its latency summary is empty). */
  max: LoadResult;
  maxPerRound: number[];
}
export interface IntakeFigures {
  connections: number;
  rate: number;
  rounds: number;
  bot: SideFigures;
  bare: SideFigures;
  /** Median over the rounds of bot / bare max req/s, each pair measured back to back. */
  maxRatio: number;
}

/** The baseline server, in its own process like the bot. */
async function startBare(): Promise<{ url: string; stop: () => Promise<void> }> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'bare-express.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const { port } = JSON.parse(chunk.toString()) as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Bare Express and the bot take turns, so that a machine that slows down or speeds up mid-run weighs on both alike. */
const ROUNDS = 3;

interface Side {
  url: string;
  next: () => { headers: Record<string, string>; body: string };
}

async function turns(sides: [Side, Side], seconds: number, rate: number) {
  // autocannon runs whole seconds.
  const perRun = Math.max(1, Math.round(seconds / ROUNDS));
  const fixed = sides.map(() => ({ runs: [] as LoadResult[], latencies: [] as number[] }));
  const max = sides.map(() => [] as LoadResult[]);
  for (const side of sides) {
    await load({ url: side.url, connections: CONNECTIONS, next: side.next, seconds: WARMUP_SECONDS });
    await paced({ url: side.url, next: side.next, seconds: WARMUP_SECONDS, rate });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, side] of sides.entries()) {
      fixed[i]!.runs.push(await paced({ url: side.url, next: side.next, seconds: perRun, rate, collect: fixed[i]!.latencies }));
      max[i]!.push(await load({ url: side.url, connections: CONNECTIONS, next: side.next, seconds: perRun }));
    }
  }
  return sides.map((_, i) => ({
    fixed: pooled(fixed[i]!.runs, fixed[i]!.latencies),
    max: pooled(max[i]!, []),
    maxPerRound: max[i]!.map((r) => r.reqPerSec),
  }));
}
/**
 * Webhook intake against the real bot beside a bare Express handler, same tools, same bodies,
 * same machine, taking turns: a steady offered load for latency (open loop), then as fast as
 * 10 connections go for throughput.
 */
export async function benchIntake(opts: { botUrl: string; secret: string; seconds: number; rate: number }): Promise<IntakeFigures> {
  const bare = await startBare();
  try {
    const [bareFigures, botFigures] = await turns(
      [
        { url: bare.url, next: signedWebhooks(opts.secret, 80_000_000) },
        { url: opts.botUrl, next: signedWebhooks(opts.secret, 50_000_000) },
      ],
      opts.seconds,
      opts.rate,
    );
    const maxRatio = median(botFigures!.maxPerRound.map((bot, i) => bot / bareFigures!.maxPerRound[i]!));
    return { connections: CONNECTIONS, rate: opts.rate, rounds: ROUNDS, bot: botFigures!, bare: bareFigures!, maxRatio };
  } finally {
    await bare.stop();
  }
}
