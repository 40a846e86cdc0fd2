import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from './assess.ts';
import { createSopIndex } from './knowledge/sop-index.ts';
import { createDirectory } from './sbf/directory.ts';
import { openVaultStore } from './sbf/vault-store.ts';
import { assessInputFor } from './cli/eval-case.ts';
import { syntheticVault } from '../../test/bench/synthetic-vault.ts';
const silent: any = { info() {}, warn() {}, debug() {}, error() {}, child: () => silent };
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
syntheticVault('eval/vault', join(dir, 'v'), 5000, { layout: 'concentrated' });
const store = openVaultStore(join(dir, 'v'), silent);
const directory = await createDirectory(store, silent);
const sops = await createSopIndex(store);
const cases = readFileSync('eval/dev.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
for (let p = 0; p < 3; p++) for (const c of cases) assess(sops, assessInputFor(c, directory));
const { Session } = await import('node:inspector/promises'); const ses = new Session(); ses.connect(); await ses.post('Profiler.enable'); await ses.post('Profiler.start');
const per: number[][] = cases.map(() => []);
const all: number[] = [];
for (let p = 0; p < 15; p++) cases.forEach((c, i) => { const a = assessInputFor(c, directory); const t = performance.now(); assess(sops, a); const d = performance.now() - t; per[i]!.push(d); all.push(d); });
const { profile } = await ses.post('Profiler.stop'); (await import('node:fs')).writeFileSync('/tmp/prof/loop.cpuprofile', JSON.stringify(profile));
all.sort((a, b) => a - b);
console.log('p50', all[Math.floor(all.length * 0.5)]!.toFixed(2), 'p99', all[Math.floor(all.length * 0.99)]!.toFixed(2), 'n', all.length);
const med = per.map((xs, i) => ({ i, m: xs.sort((a, b) => a - b)[7]!, max: xs[14]! })).sort((a, b) => b.m - a.m);
for (const r of med.slice(0, 5)) console.log(r.m.toFixed(2), r.max.toFixed(2), cases[r.i].client_uid, JSON.stringify(cases[r.i].text).slice(0, 120));
{
  const { detectLanguage } = await import('./knowledge/language.ts');
  const { decide } = await import('./triage.ts');
  for (const i of med.slice(0, 5).map((r) => r.i)) {
    const c = cases[i]; const a = assessInputFor(c, directory);
    const t: Record<string, number[]> = { lang: [], search: [], internal: [], unpub: [], en: [] };
    for (let k = 0; k < 30; k++) {
      let t0 = performance.now(); const lang = detectLanguage(a.text, a.languageHint); t.lang!.push(performance.now() - t0);
      t0 = performance.now(); sops.search(a.clientUid, a.text, lang); t.search!.push(performance.now() - t0);
      t0 = performance.now(); sops.internalBest(a.clientUid, a.text, lang); t.internal!.push(performance.now() - t0);
      t0 = performance.now(); sops.unpublishedBest(a.clientUid, a.text, lang); t.unpub!.push(performance.now() - t0);
    }
    console.log(c.text.slice(0, 50), Object.entries(t).map(([k, v]) => `${k}=${(v.sort((x, y) => x - y)[15] ?? 0).toFixed(2)}`).join(' '));
  }
}
