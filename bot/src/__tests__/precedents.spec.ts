import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonlError } from '../jsonl.ts';
import { createPrecedents, loadPrecedents, precedentFiles, type LabelledCase } from '../knowledge/precedents.ts';

const acme = 'va-client-acme-001';
const cases: LabelledCase[] = [
  { text: 'can the shared project links sit on our own domain?', client_uid: acme, lang: 'en', expect: { escalate: true }, why: 'unknown' },
  { text: 'how do I share a project with a client who has no account?', client_uid: acme, lang: 'en', expect: { answer: 'va-sop-acme-guest-access-001' } },
  { text: 'wie teile ich ein Projekt mit einem Kunden?', client_uid: acme, lang: 'de', expect: { escalate: true }, why: 'no_sop_in_language' },
  { text: 'can the shared project links sit on our own domain?', client_uid: 'va-client-bloom-001', lang: 'en', expect: { answer: 'x' } },
];

describe('precedents', () => {
  const precedents = createPrecedents(cases);

  it("when a question shares most of its words with a past one of the client, then that one is the nearest, with the share as its similarity", () => {
    const p = precedents.nearest(acme, 'could our shared links live on our own domain instead?', 'en');
    expect(p).toMatchObject({ outcome: { escalate: true }, why: 'unknown', text: cases[0]!.text });
    // "share", "link" and "domain" of the 7 stemmed words the two questions use ("our", "can"… are stop words).
    expect(p!.similarity).toBeCloseTo(3 / 7, 5);
  });

  it('when words are shared with several, then the one sharing the larger part of its words is the nearest', () => {
    expect(precedents.nearest(acme, 'share a project with a client', 'en')?.outcome).toEqual({ answer: 'va-sop-acme-guest-access-001' });
  });

  it("when only another client's or another language's question is alike, or no word is shared, then there is none", () => {
    expect(precedents.nearest('va-client-kora-001', cases[0]!.text, 'en')).toBeUndefined();
    expect(precedents.nearest(acme, cases[0]!.text, 'fr')).toBeUndefined();
    expect(precedents.nearest(acme, 'hello there', 'en')).toBeUndefined();
  });

  it('when asked for the k most alike, then they come most alike first, earlier first on a tie, the first being the nearest', () => {
    const later = { ...cases[1]!, text: 'share a project with a client', expect: { answer: 'later' } };
    const mine = createPrecedents([...cases, { ...later, expect: { answer: 'earlier' } }, later, { ...cases[1]!, text: 'share a project' }]);
    const asked = 'share a project with a client who has no account';
    const alike = mine.alike(acme, asked, 'en', 3);
    expect(alike.map((p) => [p.outcome, p.similarity])).toEqual([
      [{ answer: 'va-sop-acme-guest-access-001' }, 1],
      [{ answer: 'earlier' }, 3 / 4],
      [{ answer: 'later' }, 3 / 4],
    ]);
    expect(alike[0]).toEqual(mine.nearest(acme, asked, 'en'));
    // "share" and "project" of the 4 asked and the 5 of "can the shared project links sit on our own domain?".
    expect(mine.alike(acme, asked, 'en', 10).map((p) => p.similarity)).toEqual([1, 3 / 4, 3 / 4, 1 / 2, 2 / 7]);
  });

  it('when a case is removed, then it is no longer found, another with the same text stays, and removing it again finds nothing', () => {
    const domain = cases[0]!;
    const mine = createPrecedents([...cases, domain]);
    expect(mine.size).toBe(5);
    expect(mine.remove(domain)).toBe(true);
    expect(mine.size).toBe(4);
    // The earlier copy (a PRECEDENTS file and a learned one may say the same) still decides.
    expect(mine.nearest(acme, domain.text, 'en')).toMatchObject({ text: domain.text, similarity: 1 });
    expect(mine.remove(domain)).toBe(true);
    expect(mine.nearest(acme, domain.text, 'en')).toMatchObject({ outcome: { answer: 'va-sop-acme-guest-access-001' } });
    expect(mine.remove(domain)).toBe(false);
    expect(mine.remove({ ...cases[1]!, expect: { answer: 'another-sop' } })).toBe(false);
    expect(mine.size).toBe(3);
  });

  it('when a file of precedents has a bad line, then loading names the file and the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'precedents-'));
    const good = join(dir, 'good.jsonl');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(good, `${JSON.stringify(cases[0])}\n\n${JSON.stringify(cases[1])}\n`);
    writeFileSync(bad, `${JSON.stringify(cases[0])}\n{"text": "no client"\n`);
    expect(loadPrecedents([good]).size).toBe(2);
    expect(() => loadPrecedents([good, bad])).toThrow(new JsonlError(`${bad}:2: not valid JSON`));
    writeFileSync(bad, `{"text": "no client", "expect": {"escalate": true}}\n`);
    expect(() => loadPrecedents([bad])).toThrow(/bad\.jsonl:1: client_uid /);
    expect(() => loadPrecedents([join(dir, 'missing.jsonl')])).toThrow(/cannot read .*missing\.jsonl/);
  });
  it("when given a directory, then its labelled *.jsonl files are read in name order, and the clicks files beside them are not", () => {
    const dir = mkdtempSync(join(tmpdir(), 'precedents-'));
    writeFileSync(join(dir, 'b.jsonl'), JSON.stringify(cases[1]));
    writeFileSync(join(dir, 'a.jsonl'), JSON.stringify(cases[0]));
    writeFileSync(join(dir, 'a.clicks.jsonl'), JSON.stringify({ client_uid: acme, text: 'x', click: 'y' }));
    writeFileSync(join(dir, 'notes.md'), '# not a case file');
    expect(precedentFiles([dir, 'other.jsonl'])).toEqual([join(dir, 'a.jsonl'), join(dir, 'b.jsonl'), 'other.jsonl']);
    expect(loadPrecedents([dir]).size).toBe(2);
  });
});
