import { labelledCaseSchema, type LabelledCase, type Precedents } from '../knowledge/precedents.ts';
import type { Db } from './db.ts';

interface Row {
  id: number;
  client_uid: string;
  text: string;
  lang: string | null;
  outcome: string;
  source: string;
  created_at: number;
}

export interface LearnedPrecedent {
  id: number;
  source: string;
  createdAt: number;
  case: LabelledCase;
}

/** Precedents learned at work, kept beside the bot's other state so a restart keeps them. */
export function createPrecedentStore(db: Db, now: () => number = Date.now) {
  const insert = db.prepare(
    'INSERT INTO precedents (client_uid, text, lang, outcome, source, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const list = db.prepare<[], Row>('SELECT id, client_uid, text, lang, outcome, source, created_at FROM precedents ORDER BY id');
  const remove = db.prepare<[number]>('DELETE FROM precedents WHERE id = ?');
  const count = db.prepare<[], number>('SELECT count(*) FROM precedents').pluck();
  const asCase = (r: Row): LabelledCase =>
    labelledCaseSchema.parse({ client_uid: r.client_uid, text: r.text, ...(r.lang ? { lang: r.lang } : {}), expect: JSON.parse(r.outcome) });
  const asEntry = (r: Row): LearnedPrecedent => ({ id: r.id, source: r.source, createdAt: r.created_at, case: asCase(r) });
  return {
    /** Keeps `c`; undefined when the same question already had that outcome. `source` says who settled it. */
    record(c: LabelledCase, source: string): LearnedPrecedent | undefined {
      const createdAt = now();
      const run = insert.run(c.client_uid, c.text, c.lang ?? null, JSON.stringify(c.expect), source, createdAt);
      return run.changes > 0 ? { id: Number(run.lastInsertRowid), source, createdAt, case: c } : undefined;
    },
    count: () => count.get()!,
    /** Every learned precedent with its row id, who settled it and when, for people to review. */
    entries(): LearnedPrecedent[] {
      return list.all().map(asEntry);
    },
    /** Forgets precedent `id`; false when there is none. */
    remove(id: number): boolean {
      return remove.run(id).changes > 0;
    },
  };
}
export type PrecedentStore = ReturnType<typeof createPrecedentStore>;

/** Which past question, with which outcome: one learned precedent per client, text and outcome. */
export const precedentKey = (c: Pick<LabelledCase, 'client_uid' | 'text' | 'expect'>) => JSON.stringify([c.client_uid, c.text, c.expect]);

/**
 * The running bot's side of learned precedents: what the store holds joins `precedents` at once, what a
 * VA settles is stored and counts from the next message; what `pnpm precedents --remove` takes out of the store leaves the bot at the next `sync()`.
 * The store is read once at start: this process is the only one that adds, so the rows it holds are
 * the store's until a count says the CLI removed some.
 */
export function createLearnedPrecedents(store: PrecedentStore, precedents: Precedents) {
  const held = new Map<number, LearnedPrecedent>(store.entries().map((e) => [e.id, e]));
  for (const e of held.values()) precedents.add(e.case);
  const drop = (entry: LearnedPrecedent) => {
    precedents.remove(entry.case);
    held.delete(entry.id);
  };
  return {
    /** Keeps a question a VA settled (`source` says how); a repeat of a kept one changes nothing. */
    record(c: LabelledCase, source: string) {
      const entry = store.record(c, source);
      if (!entry) return;
      precedents.add(c);
      held.set(entry.id, entry);
    },
    get: (id: number) => held.get(id),
    /** The learned precedents, by `precedentKey`: what the Dashboard App shows VAs as learned. */
    byKey: () => new Map([...held.values()].map((e) => [precedentKey(e.case), e])),
    /** Forgets precedent `id` here and now, and in the store; what it was, or undefined when there is none. */
    forget(id: number): LearnedPrecedent | undefined {
      const entry = held.get(id);
      if (!entry) return undefined;
      drop(entry);
      return store.remove(id) ? entry : undefined;
    },
    /** Forgets, in this process, the learned precedents no longer in the store. */
    sync() {
      if (store.count() === held.size) return;
      const stored = new Set(store.entries().map((e) => e.id));
      for (const entry of [...held.values()]) if (!stored.has(entry.id)) drop(entry);
    },
  };
}
export type LearnedPrecedents = ReturnType<typeof createLearnedPrecedents>;
