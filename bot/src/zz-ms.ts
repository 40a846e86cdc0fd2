import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { syntheticVault } from '../../test/bench/synthetic-vault.ts';
import { openVaultStore } from './sbf/vault-store.ts';
import { vaSopSchema } from '@sbf-chatwoot/shared';
import { customerText, isCustomerFacing } from './knowledge/sop-text.ts';
import { termProcessor } from './knowledge/analyzer.ts';
const silent: any = { info() {}, warn() {}, debug() {}, error() {}, child: () => silent };
const dir = '/tmp/conc5000';
if (!existsSync(dir)) syntheticVault('eval/vault', dir, 5000, { layout: 'concentrated' });
const store = openVaultStore(dir, silent);
const all = (await store.query({ type: 'va.sop', allClients: true })).map((e) => vaSopSchema.safeParse(e)).filter((r) => r.success).map((r) => r.data!).filter(isCustomerFacing);
const acme = all.filter((s) => (!s.client_uid || s.client_uid === 'va-client-acme-001') && (s.locale ?? 'en').startsWith('en'));
console.log('docs', acme.length);
const texts = ['got an email saying my acme account will be suspended unless I re-enter my card on some link, is this really you?', 'what uptime do you guarantee for enterprise customers and do we get credits when you\'re down?', 'too many emails from acme, can I get one summary a day instead?'];
for (const [name, so] of Object.entries({
  current: { prefix: (t: string) => t.length > 4, fuzzy: (t: string) => (t.length > 5 ? 0.2 : false) },
  noFuzzy: { prefix: (t: string) => t.length > 4, fuzzy: false },
  noPrefix: { prefix: false, fuzzy: (t: string) => (t.length > 5 ? 0.2 : false) },
  neither: { prefix: false, fuzzy: false },
  maxFuzzy1: { prefix: (t: string) => t.length > 4, fuzzy: (t: string) => (t.length > 5 ? 0.2 : false), maxFuzzy: 1 },
} as Record<string, any>)) {
  const ms = new MiniSearch<any>({ fields: ['title', 'tags', 'trigger', 'answer'], processTerm: termProcessor('en'), searchOptions: { boost: { title: 3, tags: 2, trigger: 1.5 }, combineWith: 'OR', ...so } });
  ms.addAll(acme.map((s) => ({ id: s.uid, title: s.title, tags: (s.tags ?? []).join(' '), trigger: [s.trigger, s.desired_outcome].filter(Boolean).join(' '), answer: customerText(s) })));
  for (let w = 0; w < 50; w++) for (const t of texts) ms.search(t);
  const out = texts.map((t) => { const xs: number[] = []; let n = 0; for (let k = 0; k < 60; k++) { const t0 = performance.now(); n = ms.search(t).length; xs.push(performance.now() - t0); } xs.sort((a, b) => a - b); return `${xs[30]!.toFixed(2)}ms/${n}`; });
  console.log(name.padEnd(10), out.join('  '));
}
