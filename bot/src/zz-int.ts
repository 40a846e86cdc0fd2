import { readFileSync, writeFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { assess } from './assess.ts';
import { createSopIndex } from './knowledge/sop-index.ts';
import { createDirectory } from './sbf/directory.ts';
import { openVaultStore } from './sbf/vault-store.ts';
import { assessInputFor } from './cli/eval-case.ts';
import { termProcessor } from './knowledge/analyzer.ts';
import { customerText, internalText, sentencesOf } from './knowledge/sop-text.ts';
const tokenize = MiniSearch.getDefault('tokenize') as (t: string) => string[];
const termsOf = (lang: any, text: string) => { const p = termProcessor(lang); return new Set(tokenize(text).map(p).filter(Boolean) as string[]); };
const silent: any = { info() {}, warn() {}, debug() {}, error() {}, child: () => silent };
const store = openVaultStore('eval/vault', silent);
const directory = await createDirectory(store, silent);
const sops = await createSopIndex(store);
const out: string[] = [];
for (const set of ['dev', 'holdout', ...[2,3,4,5,6,7,8,9,10,11,12,13,14].map((n) => `holdout${n}`)]) {
  for (const l of readFileSync(`eval/${set}.jsonl`, 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(l);
    const a = assess(sops, assessInputFor(c, directory, true));
    const rows = a.hits.slice(0, 3).map((h: any) => {
      const pub = termsOf('en', [h.sop.title, (h.sop.tags ?? []).join(' '), h.sop.trigger ?? '', h.sop.desired_outcome ?? '', customerText(h.sop)].join(' '));
      const sents = sentencesOf(internalText(h.sop)).map((s) => ({ s, extra: [...termsOf('en', s)].filter((t) => !pub.has(t)) }));
      const idf = new Map((h.terms ?? []).map((x: any) => [x.t, x.idf]));
      const best = sents.map((x) => { const hit = x.extra.filter((t) => idf.has(t)); return { s: x.s, hit, w: hit.reduce((a, t) => a + (idf.get(t) as number), 0) }; }).sort((p, q) => q.w - p.w)[0];
      const total = (h.terms ?? []).reduce((a: number, x: any) => a + x.idf, 0);
      return { uid: h.sop.uid, best, total };
    });
    out.push(JSON.stringify({ set, text: c.text, expect: c.expect, why: c.why, kind: a.kind, got: a.kind === 'answer' ? a.sop.uid : a.kind === 'clarify' ? a.options.map((o) => o.uid) : (a as any).trigger, conf: a.confidence, rows }));
  }
}
writeFileSync('/tmp/int.jsonl', out.join('\n'));
