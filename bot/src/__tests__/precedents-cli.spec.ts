import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LabelledCase } from '../knowledge/precedents.ts';
import { openDb } from '../store/db.ts';
import { createPrecedentStore } from '../store/precedents.ts';

const bot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(bot, 'src/cli/precedents.ts'), ...args], {
    cwd: bot,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir },
  });

const acme: LabelledCase = { text: 'I need to get back into my account', client_uid: 'va-client-acme-001', lang: 'en', expect: { answer: 'va-sop-acme-reset-password-001' } };
const bloom: LabelledCase = { text: '¿hacen entregas en Escondido?', client_uid: 'va-client-bloom-001', lang: 'es', expect: { answer: 'va-sop-bloom-delivery-area-es-001' } };

/** A bot store that learned `cases`, as the dashboard records them. */
function storeWith(...cases: LabelledCase[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'precedents-cli-'));
  const db = openDb(dir);
  const store = createPrecedentStore(db, () => Date.UTC(2026, 10, 26));
  for (const c of cases) store.record(c, 'dashboard');
  db.close();
  return dir;
}

// Every test spawns the CLI (tsx) one or more times: seconds each on a busy machine, so 5 s is too short.
describe('precedents CLI', { timeout: 30_000 }, () => {
  it('when the bot learned two precedents, then it lists both with id, date, client, language and SOP, and --client keeps one', () => {
    const dir = storeWith(acme, bloom);
    const all = run(dir);
    expect(all.status).toBe(0);
    expect(all.stdout.trim().split('\n')).toEqual([
      `1\t2026-11-26\tva-client-acme-001\ten\tva-sop-acme-reset-password-001\t${acme.text}`,
      `2\t2026-11-26\tva-client-bloom-001\tes\tva-sop-bloom-delivery-area-es-001\t${bloom.text}`,
    ]);
    const one = run(dir, '--client', 'va-client-bloom-001');
    expect(one.stdout.trim().split('\n')).toHaveLength(1);
    expect(one.stdout).toContain(bloom.text);
  });

  it('when asked for --jsonl, then it prints labelled cases that PRECEDENTS and eval read', () => {
    const out = run(storeWith(acme, bloom), '--jsonl');
    expect(out.status).toBe(0);
    expect(out.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([acme, bloom]);
  });

  it('when a precedent is removed, then it is gone from the store; an unknown id among several removes nothing', () => {
    const dir = storeWith(acme, bloom);
    const bad = run(dir, '--remove', '1', '--remove', '9');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no learned precedent with id 9');
    expect(createPrecedentStore(openDb(dir)).entries().map((e) => e.case)).toEqual([acme, bloom]);

    const ok = run(dir, '--remove', '1');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('removed 1 precedent');
    expect(createPrecedentStore(openDb(dir)).entries().map((e) => e.case)).toEqual([bloom]);
  });

  it('when the id is not a number or DATA_DIR holds no store, then it says so and exits non-zero', () => {
    const notAnId = run(storeWith(acme), '--remove', 'abc');
    expect(notAnId.status).toBe(2);
    expect(notAnId.stderr).toContain('--remove "abc" is not a precedent id');
    const empty = run(mkdtempSync(join(tmpdir(), 'precedents-cli-empty-')));
    expect(empty.status).toBe(78);
    expect(empty.stderr).toContain('holds no bot store');
  });
});
