import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { startBot, type BotProcess } from './bot-process.ts';
import { botTokensEnv, readDemoClients, simAccounts } from './demo-accounts.ts';
import { buildDashboardApp } from './browser/build-dashboard.ts';
import { playScene } from './demo-scene.ts';
import { startSimulator, type Simulator } from './simulator/index.ts';

/**
 * `pnpm demo`: the real bot against a simulated Chatwoot, seeded with the eval vault, playing
 * one answered question, one in Spanish, one where the customer picks between close SOPs, and one escalation. `--once` exits after the scene;
 * `--dir` puts the working files elsewhere than `<repo>/.demo` (the e2e test uses a temp dir).
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({ options: { once: { type: 'boolean', default: false }, dir: { type: 'string' } } });
const once = args.once;
const out = (line = '') => process.stdout.write(`${line}\n`);

/** The bot's last decisions and warnings, without the access log. */
function printBotLog(bot: BotProcess) {
  out('\nLast bot log lines:');
  const lines = bot.logs.filter((l) => !l.includes('"request completed"')).slice(-12);
  for (const line of lines) {
    try {
      const { level, time: _t, pid: _p, hostname: _h, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
      out(`  [${level}] ${msg} ${JSON.stringify(rest)}`);
    } catch {
      out(`  ${line}`);
    }
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as { port: number };
  await new Promise((res) => server.close(res));
  return port;
}

/** `${bot}/app/#token=…` per account (building the app first if needed), minted by the bot's own CLI. */
async function dashboardUrls(bot: BotProcess, accountIds: number[], env: Record<string, string>) {
  if (!existsSync(join(repo, 'dashboard-app/dist/index.html'))) await buildDashboardApp().catch(() => undefined);
  const res = await fetch(`${bot.url}/app/`).catch(() => undefined);
  if (res?.status !== 200) return [];
  const cli = join(repo, 'bot/src/cli/app-token.ts');
  if (!existsSync(cli)) return [];
  const urls = await Promise.all(
    accountIds.map(async (id) => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, '--account', String(id)], {
        cwd: join(repo, 'bot'),
        env: { PATH: process.env.PATH ?? '', APP_SECRET: env.APP_SECRET!, PUBLIC_URL: bot.url },
      }).catch(() => ({ stdout: '' }));
      const url = /\S+\/app\/#token=\S+/.exec(stdout)?.[0];
      return url ? { accountId: id, url } : undefined;
    }),
  );
  return urls.filter((u): u is { accountId: number; url: string } => Boolean(u));
}

async function main(): Promise<number> {
  const demoDir = resolve(args.dir ?? join(repo, '.demo'));
  rmSync(demoDir, { recursive: true, force: true });
  mkdirSync(demoDir, { recursive: true });
  const vaultDir = join(demoDir, 'vault');
  cpSync(join(repo, 'bot/eval/vault'), vaultDir, { recursive: true });

  const clients = readDemoClients(vaultDir);
  const accounts = simAccounts(clients);
  const webhookSecret = randomBytes(16).toString('hex');
  const sim: Simulator = await startSimulator({ accounts, webhookSecret, retryWaitMs: 500 });
  const port = await freePort();
  const env = {
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    CHATWOOT_BASE_URL: sim.url,
    CHATWOOT_BOT_TOKENS: botTokensEnv(accounts),
    CHATWOOT_WEBHOOK_SECRET: webhookSecret,
    SBF_VAULT_DIR: vaultDir,
    DATA_DIR: join(demoDir, 'data'),
    APP_SECRET: randomBytes(32).toString('hex'),
  };
  let bot: BotProcess | undefined;
  const shutdown = async () => {
    await bot?.stop();
    await sim.close();
    if (bot) writeFileSync(join(demoDir, 'bot.log'), `${bot.logs.join('\n')}\n`);
  };
  try {
    // Generous: on a busy machine tsx compiles the bot for several seconds before it listens.
    bot = await startBot(env, { timeoutMs: 60_000 });
    sim.setBotWebhookUrl(`${bot.url}/chatwoot/webhook`);
    out('SBF × Chatwoot demo: the real bot, a simulated Chatwoot 4.15');
    out(`  vault      ${relative(repo, vaultDir).startsWith('..') ? vaultDir : relative(repo, vaultDir)} (a fresh copy of bot/eval/vault)`);
    for (const c of clients) out(`  account ${c.accountId}  ${c.name}, inboxes ${c.inboxIds.join(', ')}, VAs ${Object.keys(c.agents).join(', ')}`);

    const problems = await playScene({ sim, clients, vaultDir, out });
    if (problems.length) {
      out('\nThe scene did not go as expected:');
      for (const p of problems) out(`  ✗ ${p}`);
      printBotLog(bot);
      await shutdown();
      return 1;
    }
    out('\nScene complete: one answer, one answer in Spanish, one answer the customer picked, one escalation.');
    if (once) {
      await shutdown();
      return 0;
    }

    out('\nStill running, try it yourself (Ctrl-C to stop):');
    out(`  bot        ${bot.url}  (webhook ${bot.url}/chatwoot/webhook, health ${bot.url}/healthz)`);
    out(`  Chatwoot   ${sim.url}  (simulator; bot tokens demo-bot-token-<account>, user tokens demo-user-token-<account>)`);
    for (const app of await dashboardUrls(bot, clients.map((c) => c.accountId), env)) {
      out(`  dashboard  account ${app.accountId}: ${app.url}`);
      sim.showDashboardApp(app.accountId, app.url);
    }
    out('\nConversation views (the thread beside the Dashboard App, as in Chatwoot):');
    for (const c of clients) {
      for (const id of sim.conversationIds(c.accountId)) out(`  ${sim.url}/app/accounts/${c.accountId}/conversations/${id}`);
    }
    await new Promise<void>((res) => {
      process.once('SIGINT', res);
      process.once('SIGTERM', res);
    });
    out('\nStopping.');
    await shutdown();
    return 0;
  } catch (err) {
    out(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
    if (bot) printBotLog(bot);
    await shutdown().catch(() => undefined);
    return 1;
  }
}

process.exitCode = await main();
