import { readFileSync, writeFileSync } from 'node:fs';
import { assess } from './assess.ts';
import { createSopIndex } from './knowledge/sop-index.ts';
import { createDirectory } from './sbf/directory.ts';
import { openVaultStore } from './sbf/vault-store.ts';
import { assessInputFor } from './cli/eval-case.ts';
const silent: any = { info() {}, warn() {}, debug() {}, error() {}, child: () => silent };
const store = openVaultStore('eval/vault', silent);
const directory = await createDirectory(store, silent);
const sops = await createSopIndex(store);
const out: string[] = [];
for (const set of ['dev', 'holdout', ...[2,3,4,5,6,7,8,9,10,11,12,13,14].map((n) => `holdout${n}`)]) {
  for (const l of readFileSync(`eval/${set}.jsonl`, 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(l);
    const a = assess(sops, assessInputFor(c, directory, false));
    out.push(JSON.stringify({ set, text: c.text, expect: c.expect, kind: a.kind, sop: a.kind === 'answer' ? a.sop.uid : undefined, trigger: (a as any).trigger, conf: a.confidence, top: a.hits[0]?.sop.uid, terms: (a.hits[0] as any)?.terms, hits: a.hits.map((h) => [h.sop.uid, h.score]) }));
  }
}
writeFileSync('/tmp/feat.jsonl', out.join('\n'));
