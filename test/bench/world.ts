import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type BotProcess } from '../src/bot-process.ts';
import { writeTestVault } from '../src/demo-vault.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../src/simulator/index.ts';

export const SECRET = 'whsec-bench-secret';
export const BOT_TOKEN = 'bot-token-acme';
export const USER_TOKEN = 'user-token-alice';
/** Account 1 as the test vault describes it: inbox 3, alice = agent 7, bob = agent 8, team 2. */
const ACME = {
  id: 1,
  name: 'Acme Support',
  botToken: BOT_TOKEN,
  userToken: USER_TOKEN,
  agents: [
    { id: 7, name: 'Alice Adams', email: 'alice@acme.example' },
    { id: 8, name: 'Bob Brown', email: 'bob@acme.example' },
  ],
};

export interface LoadWorld {
  sim: Simulator;
  bot: BotProcess;
  dir: string;
  vaultDir: string;
  dataDir: string;
  /** Starts the bot again on the same DATA_DIR and vault. */
  restartBot(): Promise<BotProcess>;
  close(): Promise<void>;
}

/**
 * The simulated Chatwoot and the real bot process on loopback, on a temp vault and data dir,
 * for benchmarks and the soak. Long runs keep only the newest bot log lines.
 */
export async function startLoadWorld(
  /** `entry`: a bundled bot (`buildBot()`) instead of `tsx bot/src/main.ts`, for fast restarts. */
  opts: { sim?: Partial<SimulatorOptions>; env?: Record<string, string>; entry?: string } = {},
): Promise<LoadWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'sbf-load-'));
  const vaultDir = writeTestVault(join(dir, 'vault'));
  const dataDir = join(dir, 'data');
  const sim = await startSimulator({ accounts: [ACME], webhookSecret: SECRET, ...opts.sim });
  const env = {
    CHATWOOT_BASE_URL: sim.url,
    CHATWOOT_BOT_TOKENS: `1:${BOT_TOKEN}`,
    CHATWOOT_WEBHOOK_SECRET: SECRET,
    SBF_VAULT_DIR: vaultDir,
    DATA_DIR: dataDir,
    ...opts.env,
  };
  const world: LoadWorld = {
    sim,
    bot: undefined as unknown as BotProcess,
    dir,
    vaultDir,
    dataDir,
    async restartBot() {
      world.bot = await startBot(env, { maxLogLines: 5000, timeoutMs: 30_000, ...(opts.entry ? { entry: opts.entry } : {}) });
      sim.setBotWebhookUrl(`${world.bot.url}/chatwoot/webhook`);
      return world.bot;
    },
    async close() {
      await world.bot?.kill();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await world.restartBot();
  } catch (err) {
    await world.close();
    throw err;
  }
  return world;
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
