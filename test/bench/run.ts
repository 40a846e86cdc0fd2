import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBundle, type BundleFigures } from './bundle.ts';
import { benchContext, type ContextFigures } from './context.ts';
import { benchDecisions } from './decision.ts';
import { renderTable, rows } from './goals.ts';
import { benchIntake, type IntakeFigures } from './intake.ts';
import { benchMemory, type MemoryFigures } from './memory.ts';
import { benchReply, type ReplyFigures } from './reply-latency.ts';
import { rssMb } from './stats.ts';
import { drained, SECRET, startLoadWorld } from './world.ts';

/**
 * `pnpm bench`: every benchmark in one run, one table, and the figures as JSON in
 * bench-results/ for comparing commits. Goals are reported, never enforced.
 *
 *   BENCH_SECONDS       length of each intake run (default 10)
 *   BENCH_SOAK_SECONDS  length of the memory run (default 600, the issue's 10 minutes)
 *   BENCH_ONLY          comma-separated subset: decision,bundle,context,intake,reply,memory
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;
const config = {
  intakeSeconds: Number(env.BENCH_SECONDS ?? 10),
  soakSeconds: Number(env.BENCH_SOAK_SECONDS ?? 600),
  rate: 1000,
  replySamples: 200,
  // The agency's shape (5,000 SOPs over many clients) and the stress case (all in the 4 eval clients).
  decisionRuns: [
    { sops: 159, layout: 'concentrated' },
    { sops: 500, layout: 'concentrated' },
    { sops: 5000, layout: 'spread' },
    { sops: 5000, layout: 'concentrated' },
  ] as const,
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim()) : undefined,
};
const wanted = (phase: string) => !config.only || config.only.includes(phase);
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

export interface BenchResults {
  at: string;
  commit: string;
  machine: { node: string; cpus: number; cpuModel: string; loadavgStart: number[]; loadavgEnd?: number[] };
  config: typeof config;
  decisions?: Awaited<ReturnType<typeof benchDecisions>>;
  bundle?: BundleFigures;
  context?: ContextFigures;
  intake?: IntakeFigures;
  reply?: ReplyFigures;
  memory?: MemoryFigures & { rssAtBotStartMb: number };
}

function commit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { cwd: repo, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain', { cwd: repo, encoding: 'utf8' }).trim() ? '+dirty' : '';
    return sha + dirty;
  } catch {
    return 'unknown';
  }
}

const results: BenchResults = {
  at: new Date().toISOString(),
  commit: commit(),
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', loadavgStart: loadavg() },
  config,
};

if (wanted('decision')) {
  say(`decision latency at ${config.decisionRuns.map((r) => `${r.sops} (${r.layout})`).join(', ')} SOPs`);
  results.decisions = await benchDecisions({ evalDir: join(repo, 'bot/eval'), runs: [...config.decisionRuns], minDecisions: 2000 });
}
if (wanted('bundle')) {
  say('dashboard bundle');
  results.bundle = benchBundle(repo);
}
if (wanted('context')) {
  say('dashboard context in Chromium');
  results.context = await benchContext(repo);
}
if (wanted('intake') || wanted('reply') || wanted('memory')) {
  const world = await startLoadWorld();
  try {
    const rssAtBotStartMb = rssMb(world.bot.pid);
    if (wanted('intake')) {
      say(`webhook intake, ${config.intakeSeconds} s per run`);
      results.intake = await benchIntake({ botUrl: world.bot.url, secret: SECRET, seconds: config.intakeSeconds, rate: config.rate });
      await drained(world, 120_000);
    }
    if (wanted('reply')) {
      say(`webhook → reply, ${config.replySamples} samples`);
      results.reply = await benchReply(world, { samples: config.replySamples, pacingMs: 250, firstConversation: 1000 });
    }
    if (wanted('memory')) {
      say(`memory, ${config.soakSeconds} s`);
      const memory = await benchMemory(world, { seconds: config.soakSeconds, intakeRate: 200, firstConversation: 100_000 });
      results.memory = { ...memory, rssAtBotStartMb };
    }
  } finally {
    await world.close();
  }
}
results.machine.loadavgEnd = loadavg();

const table = renderTable(rows(results));
const stamp = results.at.replace(/[:.]/g, '-');
const outDir = join(repo, 'bench-results');
mkdirSync(outDir, { recursive: true });
const json = JSON.stringify({ ...results, goals: rows(results) }, null, 2);
writeFileSync(join(outDir, `${stamp}.json`), json);
writeFileSync(join(outDir, 'latest.json'), json);
process.stdout.write(
  [
    `sbf-chatwoot bench — ${results.at}, commit ${results.commit}, node ${results.machine.node}, ${results.machine.cpus} CPUs,` +
      ` load average ${results.machine.loadavgStart.map((n) => n.toFixed(1)).join(' ')} → ${results.machine.loadavgEnd.map((n) => n.toFixed(1)).join(' ')}`,
    `intake: ${config.intakeSeconds} s at a steady ${config.rate}/s (open loop, loadtest) and ${config.intakeSeconds} s unthrottled (autocannon, 10 connections), in turns with bare Express;` +
      ` memory run ${config.soakSeconds} s; all on loopback`,
    '',
    table,
    '',
    `written to bench-results/${stamp}.json and bench-results/latest.json`,
    '',
  ].join('\n'),
);
