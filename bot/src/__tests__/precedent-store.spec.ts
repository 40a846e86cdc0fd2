import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrecedents, type LabelledCase } from '../knowledge/precedents.ts';
import { openDb } from '../store/db.ts';
import { createLearnedPrecedents, createPrecedentStore } from '../store/precedents.ts';

const answered: LabelledCase = { text: 'I need to get back into my account', client_uid: 'va-client-acme-001', lang: 'en', expect: { answer: 'va-sop-acme-password-reset-001' } };

describe('precedents learned at work', () => {
  it('when a VA settles a question, then it is kept once, and a reopened store still has it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'precedent-store-'));
    const db = openDb(dir);
    const store = createPrecedentStore(db, () => 1);
    expect(store.record(answered, 'dashboard')).toEqual({ id: 1, source: 'dashboard', createdAt: 1, case: answered });
    expect(store.record(answered, 'dashboard')).toBeUndefined();
    expect(store.record({ ...answered, expect: { answer: 'va-sop-acme-2fa-lost-device-001' } }, 'dashboard')).toMatchObject({ id: 2 });
    db.close();
    expect(createPrecedentStore(openDb(dir)).entries().map((e) => e.case)).toEqual([answered, { ...answered, expect: { answer: 'va-sop-acme-2fa-lost-device-001' } }]);
  });

  it('when a learned precedent is removed from the store, then the running bot forgets it at its next sync, and keeps the others', () => {
    const store = createPrecedentStore(openDb(mkdtempSync(join(tmpdir(), 'precedent-store-'))));
    const other: LabelledCase = { text: 'can I pay by bank transfer', client_uid: answered.client_uid, lang: 'en', expect: { answer: 'va-sop-acme-payment-method-001' } };
    store.record(other, 'dashboard');
    const precedents = createPrecedents([]);
    const learned = createLearnedPrecedents(store, precedents);
    expect(precedents.nearest(other.client_uid, other.text, 'en')?.outcome).toEqual(other.expect);
    learned.record(answered, 'dashboard');
    learned.record(answered, 'dashboard');
    expect(precedents.size).toBe(2);
    expect(precedents.nearest(answered.client_uid, answered.text, 'en')?.outcome).toEqual(answered.expect);

    const id = store.entries().find((e) => e.case.text === answered.text)!.id;
    expect(store.remove(id)).toBe(true);
    expect(precedents.nearest(answered.client_uid, answered.text, 'en')?.outcome).toEqual(answered.expect);
    learned.sync();
    expect(precedents.size).toBe(1);
    expect(precedents.nearest(answered.client_uid, answered.text, 'en')).toBeUndefined();
    expect(precedents.nearest(other.client_uid, other.text, 'en')?.outcome).toEqual(other.expect);
  });

  it('when a VA forgets a learned precedent, then it leaves the bot and the store, and a second forget finds nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'precedent-store-'));
    const store = createPrecedentStore(openDb(dir));
    const precedents = createPrecedents([]);
    const learned = createLearnedPrecedents(store, precedents);
    learned.record(answered, 'dashboard');
    const [entry] = learned.byKey().values();
    expect(learned.get(entry!.id)?.case).toEqual(answered);

    expect(learned.forget(entry!.id)?.case).toEqual(answered);
    expect(precedents.nearest(answered.client_uid, answered.text, 'en')).toBeUndefined();
    expect(learned.byKey().size).toBe(0);
    expect(createPrecedentStore(openDb(dir)).entries()).toEqual([]);
    expect(learned.forget(entry!.id)).toBeUndefined();
  });

  it('when a question is added to the precedents, then the next question much like it finds it', () => {
    const precedents = createPrecedents([]);
    expect(precedents.nearest(answered.client_uid, 'I need to get back in to my account', 'en')).toBeUndefined();
    precedents.add(answered);
    expect(precedents.size).toBe(1);
    expect(precedents.nearest(answered.client_uid, 'I need to get back in to my account', 'en')).toMatchObject({ outcome: answered.expect, similarity: 1 });
  });
});
