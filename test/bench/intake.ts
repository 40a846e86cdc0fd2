import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, type LoadResult } from './load.ts';
import { signedWebhooks } from './signed-webhooks.ts';

const CONNECTIONS = 10;
const WARMUP_SECONDS = 2;

export interface IntakeFigures {
  connections: number;
  rate: number;
  bot: { fixed: LoadResult; max: LoadResult };
  bare: { fixed: LoadResult; max: LoadResult };
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

async function measure(url: string, next: () => { headers: Record<string, string>; body: string }, seconds: number, rate: number) {
  const base = { url, connections: CONNECTIONS, next };
  await load({ ...base, seconds: WARMUP_SECONDS });
  const fixed = await load({ ...base, seconds, rate });
  const max = await load({ ...base, seconds });
  return { fixed, max };
}

/**
 * Webhook intake against the real bot beside a bare Express handler, same tool, same bodies,
 * same machine: a fixed offered load for latency, then unthrottled for throughput.
 */
export async function benchIntake(opts: { botUrl: string; secret: string; seconds: number; rate: number }): Promise<IntakeFigures> {
  const bare = await startBare();
  try {
    const bareFigures = await measure(bare.url, signedWebhooks(opts.secret, 80_000_000), opts.seconds, opts.rate);
    const botFigures = await measure(opts.botUrl, signedWebhooks(opts.secret, 50_000_000), opts.seconds, opts.rate);
    return { connections: CONNECTIONS, rate: opts.rate, bot: botFigures, bare: bareFigures };
  } finally {
    await bare.stop();
  }
}
