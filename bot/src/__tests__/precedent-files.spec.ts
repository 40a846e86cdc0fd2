import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrecedentFiles } from '../knowledge/precedent-files.ts';
import { createPrecedents, type LabelledCase } from '../knowledge/precedents.ts';

const acme = 'va-client-acme-001';
const password: LabelledCase = { text: 'I need to get back into my account', client_uid: acme, lang: 'en', expect: { answer: 'va-sop-acme-reset-password-001' } };
const transfer: LabelledCase = { text: 'can I pay by bank transfer', client_uid: acme, lang: 'en', expect: { answer: 'va-sop-acme-payment-method-001' } };
const teams: LabelledCase = { text: 'is there a microsoft teams integration', client_uid: acme, lang: 'en', expect: { escalate: true }, why: 'internal_only' };

const jsonl = (...cases: LabelledCase[]) => cases.map((c) => JSON.stringify(c)).join('\n') + '\n';

function setup(...cases: LabelledCase[]) {
  const dir = mkdtempSync(join(tmpdir(), 'precedent-files-'));
  const file = join(dir, 'past.jsonl');
  writeFileSync(file, jsonl(...cases));
  const warnings: unknown[] = [];
  const log = { info: () => {}, warn: (o: unknown) => warnings.push(o) };
  const precedents = createPrecedents([]);
  const files = createPrecedentFiles([dir], precedents, log as never);
  // A rewrite within the same millisecond as the first write would keep the stamp: date it later.
  const rewrite = (content: string, at: number) => {
    writeFileSync(file, content);
    utimesSync(file, at, at);
  };
  return { dir, file, precedents, files, warnings, rewrite };
}

const nearest = (p: ReturnType<typeof createPrecedents>, c: LabelledCase) => p.nearest(c.client_uid, c.text, 'en');

describe('PRECEDENTS files while the bot runs', () => {
  it('when a file gains and loses cases, then the bot decides by what it holds now, without a restart', () => {
    const { precedents, files, rewrite } = setup(password, transfer);
    expect(nearest(precedents, teams)).toBeUndefined();

    rewrite(jsonl(password, teams), 2_000_000_000);
    files.recheck();
    expect(nearest(precedents, teams)).toMatchObject({ outcome: { escalate: true }, why: 'internal_only', similarity: 1 });
    expect(nearest(precedents, transfer)).toBeUndefined();
    expect(nearest(precedents, password)?.similarity).toBe(1);
    expect(precedents.size).toBe(2);
  });

  it('when a file is added to a directory or removed from it, then its cases come and go', () => {
    const { dir, precedents, files } = setup(password);
    const other = join(dir, 'more.jsonl');
    writeFileSync(other, jsonl(teams));
    files.recheck();
    expect(nearest(precedents, teams)?.similarity).toBe(1);
    rmSync(other);
    files.recheck();
    expect(nearest(precedents, teams)).toBeUndefined();
    expect(precedents.size).toBe(1);
  });

  it('when a changed file does not parse, then the cases read before stay, and a warning names the file', () => {
    const { file, precedents, files, warnings, rewrite } = setup(password, transfer);
    rewrite(jsonl(password) + '{"text": "half a line', 2_000_000_000);
    files.recheck();
    expect(precedents.size).toBe(2);
    expect(nearest(precedents, transfer)?.similarity).toBe(1);
    expect(JSON.stringify(warnings)).toContain(file);
  });

  it('when nothing changed, then nothing is read again', () => {
    const { precedents, files } = setup(password);
    files.recheck();
    files.recheck();
    expect(precedents.size).toBe(1);
  });
});
