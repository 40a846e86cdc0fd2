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
  const asCase = (r: Row): LabelledCase =>
    labelledCaseSchema.parse({ client_uid: r.client_uid, text: r.text, ...(r.lang ? { lang: r.lang } : {}), expect: JSON.parse(r.outcome) });
  return {
    /** Keeps `c`; false when the same question already had that outcome. `source` says who settled it. */
    record(c: LabelledCase, source: string): boolean {
      return insert.run(c.client_uid, c.text, c.lang ?? null, JSON.stringify(c.expect), source, now()).changes > 0;
    },
    all(): LabelledCase[] {
      return list.all().map(asCase);
    },
    /** Every learned precedent with its row id, who settled it and when, for people to review. */
    entries(): LearnedPrecedent[] {
      return list.all().map((r) => ({ id: r.id, source: r.source, createdAt: r.created_at, case: asCase(r) }));
    },
    /** Forgets precedent `id`; false when there is none. */
    remove(id: number): boolean {
      return remove.run(id).changes > 0;
    },
  };
}
export type PrecedentStore = ReturnType<typeof createPrecedentStore>;

/**
 * The running bot's side of learned precedents: what a VA settles is stored and counts from the next
 * message; what `pnpm precedents --remove` takes out of the store leaves the bot at the next `sync()`.
 */
export function createLearnedPrecedents(store: PrecedentStore, precedents: Precedents) {
  const keyOf = (c: LabelledCase) => JSON.stringify([c.client_uid, c.text, c.expect]);
  const held = new Map(store.all().map((c) => [keyOf(c), c]));
  return {
    /** Keeps a question a VA settled (`source` says how); a repeat of a kept one changes nothing. */
    record(c: LabelledCase, source: string) {
      if (!store.record(c, source)) return;
      precedents.add(c);
      held.set(keyOf(c), c);
    },
    /** Forgets, in this process, the learned precedents no longer in the store. */
    sync() {
      const stored = new Set(store.all().map(keyOf));
      for (const [key, c] of held) {
        if (stored.has(key)) continue;
        precedents.remove(c);
        held.delete(key);
      }
    },
  };
}
