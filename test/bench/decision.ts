import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { vaSopSchema } from '@sbf-chatwoot/shared';
import { assess } from '../../bot/src/assess.ts';
import { isCustomerFacing } from '../../bot/src/knowledge/sop-text.ts';
import { loadPrecedents, precedentFiles, type Precedents } from '../../bot/src/knowledge/precedents.ts';
import { createSopIndex } from '../../bot/src/knowledge/sop-index.ts';
import { createDirectory } from '../../bot/src/sbf/directory.ts';
import { openVaultStore } from '../../bot/src/sbf/vault-store.ts';
import { assessInputFor } from '../../bot/src/cli/eval-case.ts';
import { summarize, type Summary } from './stats.ts';
import { syntheticVault } from './synthetic-vault.ts';

type Log = Parameters<typeof openVaultStore>[1];
const silent = { info() {}, warn() {}, debug() {}, error() {}, child: () => silent } as unknown as Log;

interface Case {
  text: string;
  client_uid: string;
  lang?: string;
  labels?: string[];
}

export type Layout = 'concentrated' | 'spread';

export interface DecisionFigures {
  /** How the added SOPs are shared among clients (see syntheticVault). */
  layout: Layout;
  /** SOP notes in the vault, and how many of them the bot indexes (customer-facing). */
  vaultSops: number;
  /** Customer-facing SOPs in the index of the largest client the cases ask. */
  largestClientSops: number;
  indexedSops: number;
  /** Wall-clock ms per decision. */
  decisions: Summary;
  /** CPU ms per decision: the same, minus time this process spent descheduled on a busy machine. */
  cpu: Summary;
  /** Young-generation collections (scavenges) during the timed decisions, and their pauses in ms. */
  scavenges: { count: number; pauses: Summary };
  /** Time to read the vault and build the client indexes, ms. */
  buildMs: number;
}

/**
 * assess() — retrieval plus the decision, in process, as the handler calls it — over the eval
 * cases, against a vault of `total` SOPs. Indexes are built (first use) before timing starts.
 */
async function measure(vaultDir: string, layout: Layout, vaultSops: number, cases: Case[], precedents: Precedents, minDecisions: number): Promise<DecisionFigures> {
  const started = performance.now();
  const store = openVaultStore(vaultDir, silent);
  const directory = await createDirectory(store, silent);
  const sops = await createSopIndex(store);
  const input = (c: Case) => assessInputFor(c, directory);
  for (const c of cases) assess(sops, input(c), precedents);
  const buildMs = performance.now() - started;
  // Two more passes so the JIT has settled before the first size is timed.
  for (let pass = 0; pass < 2; pass++) for (const c of cases) assess(sops, input(c), precedents);
  const times: number[] = [];
  const cpu: number[] = [];
  // A scavenge inside a decision is most of the tail: how often one comes and how long it pauses.
  const pauses: number[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) pauses.push(e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  while (times.length < minDecisions) {
    for (const c of cases) {
      // The input is part of the decision: it names any other client the message mentions.
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      assess(sops, input(c), precedents);
      times.push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  // Entries reach the observer only once the loop has let go of the thread, a few turns later.
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc.disconnect();
  const asked = new Set(cases.map((c) => c.client_uid));
  const facing = (await store.query({ type: 'va.sop', allClients: true })).map((e) => vaSopSchema.parse(e)).filter(isCustomerFacing);
  const generic = facing.filter((s) => !s.client_uid).length;
  const perClient = [...asked].map((client) => generic + facing.filter((s) => s.client_uid === client).length);
  return {
    layout,
    vaultSops,
    largestClientSops: Math.max(0, ...perClient),
    indexedSops: sops.size(),
    decisions: summarize(times),
    cpu: summarize(cpu),
    scavenges: { count: pauses.length, pauses: summarize(pauses) },
    buildMs,
  };
}

export async function benchDecisions(opts: { evalDir: string; runs: Array<{ sops: number; layout: Layout }>; minDecisions: number }) {
  const cases = readFileSync(join(opts.evalDir, 'dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
  // The other labelled sets stand for the agency's past questions, as in the eval (ADR 016).
  const precedents = loadPrecedents(precedentFiles([opts.evalDir]).filter((f) => basename(f) !== 'dev.jsonl'));
  const out: DecisionFigures[] = [];
  for (const { sops: size, layout } of opts.runs) {
    const dir = mkdtempSync(join(tmpdir(), 'sbf-bench-vault-'));
    try {
      const vault = join(dir, 'vault');
      const vaultSops = syntheticVault(join(opts.evalDir, 'vault'), vault, size, { layout });
      out.push(await measure(vault, layout, vaultSops, cases, precedents, opts.minDecisions));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { cases: cases.length, runs: out };
}
