import { labelledCaseSchema, type LabelledCase } from '../knowledge/precedents.ts';
import type { Db } from './db.ts';

/** Precedents learned at work, kept beside the bot's other state so a restart keeps them. */
export function createPrecedentStore(db: Db, now: () => number = Date.now) {
  const insert = db.prepare(
    'INSERT INTO precedents (client_uid, text, lang, outcome, source, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const list = db.prepare<[], { client_uid: string; text: string; lang: string | null; outcome: string }>(
    'SELECT client_uid, text, lang, outcome FROM precedents ORDER BY id',
  );
  return {
    /** Keeps `c`; false when the same question already had that outcome. `source` says who settled it. */
    record(c: LabelledCase, source: string): boolean {
      return insert.run(c.client_uid, c.text, c.lang ?? null, JSON.stringify(c.expect), source, now()).changes > 0;
    },
    all(): LabelledCase[] {
      return list.all().map((r) => labelledCaseSchema.parse({ client_uid: r.client_uid, text: r.text, ...(r.lang ? { lang: r.lang } : {}), expect: JSON.parse(r.outcome) }));
    },
  };
}
export type PrecedentStore = ReturnType<typeof createPrecedentStore>;
