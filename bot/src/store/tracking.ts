import type { Db } from './db.ts';

export interface TrackedConversation {
  account_id: number;
  conversation_id: number;
  client_uid: string | null;
  task_uid: string | null;
  first_seen_at: number | null;
  bot_first_answer_at: number | null;
  escalated_at: number | null;
  va_handle: string | null;
  va_first_reply_at: number | null;
  resolved_at: number | null;
  reopen_count: number;
  csat_rating: number | null;
  csat_comment: string | null;
  /** Choices of close SOPs offered to the customer, and how many of them they answered with a SOP. */
  choices_offered: number;
  choices_to_sop: number;
}

/** Support timings per conversation, written from the webhooks the bot receives. */
export function createTracking(db: Db) {
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args).changes > 0;
  const where = 'WHERE account_id = ? AND conversation_id = ?';
  return {
    seen: (a: number, c: number, at: number) =>
      run(`UPDATE conversations SET first_seen_at = COALESCE(first_seen_at, ?) ${where}`, at, a, c),
    botAnswered: (a: number, c: number, at: number) =>
      run(`UPDATE conversations SET bot_first_answer_at = COALESCE(bot_first_answer_at, ?) ${where}`, at, a, c),
    vaChosen: (a: number, c: number, handle: string | undefined) =>
      run(`UPDATE conversations SET va_handle = ? ${where}`, handle ?? null, a, c),
    /** True only for the first human reply after an escalation. */
    vaReplied: (a: number, c: number, at: number) =>
      run(
        `UPDATE conversations SET va_first_reply_at = ? ${where}
         AND escalated_at IS NOT NULL AND va_first_reply_at IS NULL`,
        at,
        a,
        c,
      ),
    resolved: (a: number, c: number, at: number) =>
      run(`UPDATE conversations SET resolved_at = ? ${where} AND resolved_at IS NULL`, at, a, c),
    /** A resolved conversation opened again; true when it was resolved before. */
    reopened: (a: number, c: number) =>
      run(`UPDATE conversations SET resolved_at = NULL, reopen_count = reopen_count + 1 ${where} AND resolved_at IS NOT NULL`, a, c),
    /** The customer answered a choice with a SOP (rather than "something else"). */
    choseSop: (a: number, c: number) => run(`UPDATE conversations SET choices_to_sop = choices_to_sop + 1 ${where}`, a, c),
    csat: (a: number, c: number, rating: number, comment: string | undefined) =>
      run(`UPDATE conversations SET csat_rating = ?, csat_comment = ? ${where}`, rating, comment ?? null, a, c),
    get: (a: number, c: number) =>
      db.prepare(`SELECT * FROM conversations ${where}`).get(a, c) as TrackedConversation | undefined,
    list: (opts: { clientUid?: string; since?: number }) =>
      db
        .prepare(
          `SELECT * FROM conversations WHERE first_seen_at IS NOT NULL
           AND (@client IS NULL OR client_uid = @client) AND first_seen_at >= @since ORDER BY first_seen_at`,
        )
        .all({ client: opts.clientUid ?? null, since: opts.since ?? 0 }) as TrackedConversation[],
  };
}
export type Tracking = ReturnType<typeof createTracking>;
