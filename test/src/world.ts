import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotProcess } from './bot-process.ts';
import { writeTestVault } from './demo-vault.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from './simulator/index.ts';

export const BOT_TOKEN = 'bot-token-acme';
/** alice's own profile token, for arranging state the way an agent would in the UI. */
export const USER_TOKEN = 'user-token-alice';

/** Account 1 as the test vault describes it: inbox 3, alice = agent 7, bob = agent 8, team 2. */
export const ACME = {
  id: 1,
  name: 'Acme Support',
  botToken: BOT_TOKEN,
  userToken: USER_TOKEN,
  agents: [
    { id: 7, name: 'Alice Adams', email: 'alice@acme.example' },
    { id: 8, name: 'Bob Brown', email: 'bob@acme.example' },
  ],
};

export interface World {
  sim: Simulator;
  bot: BotProcess;
  dir: string;
  vaultDir: string;
  dataDir: string;
  env: Record<string, string>;
  /** Starts the bot again on the same DATA_DIR and vault; a bot still running is SIGKILLed first. */
  restartBot(): Promise<BotProcess>;
  close(): Promise<void>;
}

/**
 * A temp vault and data dir, a simulated Chatwoot and the real bot process wired to it: the world
 * of the e2e tests, the benchmarks and the soak. `start` decides how the bot process is launched.
 */
export async function createWorld(opts: {
  secret: string;
  start: (env: Record<string, string>) => Promise<BotProcess>;
  sim?: Partial<SimulatorOptions>;
  env?: Record<string, string>;
  /** Adds notes to the test vault before the bot loads it. */
  seedVault?: (vaultDir: string) => void;
}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'sbf-world-'));
  const vaultDir = writeTestVault(join(dir, 'vault'));
  opts.seedVault?.(vaultDir);
  const dataDir = join(dir, 'data');
  const sim = await startSimulator({ accounts: [ACME], webhookSecret: opts.secret, ...opts.sim });
  const env: Record<string, string> = {
    CHATWOOT_BASE_URL: sim.url,
    CHATWOOT_BOT_TOKENS: `1:${BOT_TOKEN}`,
    CHATWOOT_WEBHOOK_SECRET: opts.secret,
    SBF_VAULT_DIR: vaultDir,
    DATA_DIR: dataDir,
    ...opts.env,
  };
  const world: World = {
    sim,
    bot: undefined as unknown as BotProcess,
    dir,
    vaultDir,
    dataDir,
    env,
    async restartBot() {
      // Two bots on one DATA_DIR would share the queue, and the first would outlive the test.
      await world.bot?.kill();
      world.bot = await opts.start(env);
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
