import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { parse } from 'yaml';
import { startBot, type BotProcess } from '../src/bot-process.ts';
import type { SimMessage, Simulator, SimulatorOptions } from '../src/simulator/index.ts';
import { createWorld, type World } from '../src/world.ts';

/** Loading the bot's modules is CPU-bound; on a busy 2-core runner it takes far longer than usual. */
export const BOT_START_TIMEOUT_MS = 25_000;
export const SECRET = 'whsec-e2e-secret';
export { ACME, BOT_TOKEN, USER_TOKEN, type World } from '../src/world.ts';

let starting: Promise<unknown> = Promise.resolve();

/**
 * Starts the real bot (the bundle the global setup built from bot/src), one start at a time per
 * test file: start-up is CPU-bound module loading, so concurrent tests overlap their waits but
 * not their start-ups.
 */
export function startBotSerially(env: Record<string, string>, opts: Parameters<typeof startBot>[1] = {}): Promise<BotProcess> {
  const start = () => startBot(env, { timeoutMs: BOT_START_TIMEOUT_MS, entry: inject('botEntry'), ...opts });
  const run = starting.then(start, start);
  starting = run.catch(() => undefined);
  return run;
}

/**
 * A fresh world per test (see createWorld); `onFinished` (the test context's `onTestFinished`)
 * tears it down, so tests can run concurrently. Short webhook retry waits keep the suite fast.
 */
export async function startWorld(
  onFinished: (fn: () => Promise<void>) => void,
  opts: {
    sim?: Partial<SimulatorOptions>;
    env?: Record<string, string>;
    bot?: Parameters<typeof startBot>[1];
    /** Adds notes to the test vault before the bot loads it. */
    seedVault?: (vaultDir: string) => void;
  } = {},
): Promise<World> {
  const world = await createWorld({
    secret: SECRET,
    start: (env) => startBotSerially(env, opts.bot),
    sim: { retryWaitMs: 50, ...opts.sim },
    env: opts.env,
    seedVault: opts.seedVault,
  });
  onFinished(() => world.close());
  return world;
}

const botDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../bot');

/** A bot command (`bot/src/cli/<name>.ts`) as an operator runs it, with only PATH and the given settings in its environment. */
function runCli(name: string, args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(botDir, `src/cli/${name}.ts`), ...args], {
    cwd: botDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

/** `pnpm report`, as an operator runs it. */
export const runReport = (args: string[], env: Record<string, string> = {}) => runCli('report', args, env);

/** `pnpm precedents`, as an operator runs it. */
export const runPrecedents = (args: string[], env: Record<string, string> = {}) => runCli('precedents', args, env);

export interface TaskNote {
  file: string;
  data: Record<string, any>;
  body: string;
}

/** Every `va.task` note the bot wrote into the vault, parsed. */
export function vaultTasks(vaultDir: string): TaskNote[] {
  const out: TaskNote[] = [];
  const clients = join(vaultDir, 'clients');
  for (const client of existsSync(clients) ? readdirSync(clients) : []) {
    const tasks = join(clients, client, 'tasks');
    if (!existsSync(tasks)) continue;
    for (const name of readdirSync(tasks).filter((n) => n.endsWith('.md'))) {
      const text = readFileSync(join(tasks, name), 'utf8');
      const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
      if (!m) throw new Error(`task note without frontmatter: ${name}`);
      out.push({ file: join(tasks, name), data: parse(m[1]!) as Record<string, any>, body: m[2]!.trim() });
    }
  }
  return out;
}

/** Messages the bot posted in a conversation (public replies and private notes). */
export function botMessages(sim: Simulator, accountId: number, displayId: number): SimMessage[] {
  return sim.conversation(accountId, displayId).messages.filter((m) => m.sender_type === 'agent_bot');
}

export const publicReplies = (sim: Simulator, a: number, c: number) => botMessages(sim, a, c).filter((m) => !m.private);
export const privateNotes = (sim: Simulator, a: number, c: number) => botMessages(sim, a, c).filter((m) => m.private);

/** Bot-token calls that change something in Chatwoot (GETs left out). */
export const botWrites = (sim: Simulator) => sim.calls.filter((c) => c.auth === 'bot' && c.method !== 'GET');

/** The bot's job counters, from its health endpoint. */
export async function jobCounts(botUrl: string): Promise<Record<string, number>> {
  const res = await fetch(`${botUrl}/healthz`);
  return ((await res.json()) as { jobs: Record<string, number> }).jobs;
}

/**
 * Waits until Chatwoot has nothing in flight and the bot has no queued or running job. The bot's
 * own actions echo back as webhooks (new jobs), so the check repeats until nothing moves.
 */
export async function botSettled(world: World, timeoutMs = 8000): Promise<void> {
  const { sim } = world;
  await sim.waitFor(async () => {
    await sim.idle();
    const before = sim.deliveries.length + sim.calls.length;
    const jobs = await jobCounts(world.bot.url);
    await new Promise((r) => setTimeout(r, 30));
    return jobs.queued === 0 && jobs.running === 0 && sim.deliveries.length + sim.calls.length === before;
  }, timeoutMs);
}

/** Bot calls on one conversation that Chatwoot accepted (2xx). */
export function acceptedCalls(sim: Simulator, accountId: number, displayId: number) {
  const prefix = `/api/v1/accounts/${accountId}/conversations/${displayId}/`;
  return sim.calls.filter((c) => c.auth === 'bot' && c.path.startsWith(prefix) && c.status >= 200 && c.status < 300);
}

/** How many times each escalation step reached Chatwoot: exactly once each, whatever the retries. */
export function escalationSteps(sim: Simulator, accountId: number, displayId: number) {
  const calls = acceptedCalls(sim, accountId, displayId);
  const body = (c: (typeof calls)[number]) => (c.body ?? {}) as Record<string, unknown>;
  const count = (suffix: string, match: (b: Record<string, unknown>) => boolean = () => true) =>
    calls.filter((c) => c.method === 'POST' && c.path.endsWith(suffix) && match(body(c))).length;
  return {
    assignTeam: count('/assignments', (b) => 'team_id' in b),
    assignAgent: count('/assignments', (b) => 'assignee_id' in b),
    handoffMessage: count('/messages', (b) => b.private === false),
    privateNote: count('/messages', (b) => b.private === true),
    customAttributes: count('/custom_attributes'),
    handoff: count('/toggle_status'),
  };
}

export const ONCE_EACH = { assignTeam: 1, assignAgent: 1, handoffMessage: 1, privateNote: 1, customAttributes: 1, handoff: 1 };

export const PASSWORD_QUESTION = 'Hi, I forgot my password and cannot log in. How do I reset my password?';
export const REFUND_REQUEST = 'I want a refund, I was charged twice';
