import type { Db } from './db.ts';

export interface ConversationRow {
  account_id: number;
  conversation_id: number;
  client_uid: string | null;
  task_uid: string | null;
  escalated_at: number | null;
  escalation_reason: string | null;
  bot_turns: number;
  last_answer_sop: string | null;
  language: string | null;
}

/** A choice of SOPs offered to the customer and not yet answered (handlers/choice.ts). */
export interface PendingChoice {
  /** The customer message the choice was offered for. */
  forMessage: number | null;
  question: string;
  language: string;
  /** SOP uids, in the order offered. */
  options: string[];
  /** The input_select message, once Chatwoot has answered with its id. */
  messageId: number | null;
}

/** What the bot remembers per conversation, and which escalation steps already ran. */
export function createConversationStore(db: Db, now: () => number = Date.now) {
  const get = db.prepare<[number, number], ConversationRow>(
    'SELECT * FROM conversations WHERE account_id = ? AND conversation_id = ?',
  );
  const ensure = db.prepare(
    `INSERT INTO conversations (account_id, conversation_id, client_uid) VALUES (?, ?, ?)
     ON CONFLICT DO UPDATE SET client_uid = COALESCE(conversations.client_uid, excluded.client_uid)`,
  );
  const stepDone = db.prepare<[number, number, string], { done_at: number }>(
    'SELECT done_at FROM steps WHERE account_id = ? AND conversation_id = ? AND step = ?',
  );
  const markStep = db.prepare('INSERT OR IGNORE INTO steps VALUES (?, ?, ?, ?)');
  const getChoice = db.prepare<
    [number, number],
    { for_message: number | null; question: string; language: string; options: string; message_id: number | null }
  >('SELECT for_message, question, language, options, message_id FROM choices WHERE account_id = ? AND conversation_id = ?');

  return {
    get: (a: number, c: number) => get.get(a, c),
    ensure(a: number, c: number, clientUid: string | null): ConversationRow {
      ensure.run(a, c, clientUid);
      return get.get(a, c)!;
    },
    recordAnswer: (a: number, c: number, sopUid: string, language: string) =>
      void db
        .prepare(
          `UPDATE conversations SET bot_turns = bot_turns + 1, last_answer_sop = ?, language = ?
           WHERE account_id = ? AND conversation_id = ?`,
        )
        .run(sopUid, language, a, c),
    linkTask: (a: number, c: number, taskUid: string, reason: string) =>
      void db
        .prepare(
          `UPDATE conversations SET task_uid = ?, escalation_reason = ?, escalated_at = COALESCE(escalated_at, ?)
           WHERE account_id = ? AND conversation_id = ?`,
        )
        .run(taskUid, reason, now(), a, c),
    /**
     * Runs `fn` unless this step already completed for the conversation, so a retried
     * escalation resumes where it stopped instead of repeating what Chatwoot already has.
     */
    async once<T>(a: number, c: number, step: string, fn: () => Promise<T>): Promise<T | undefined> {
      if (stepDone.get(a, c, step)) return undefined;
      const out = await fn();
      markStep.run(a, c, step, now());
      return out;
    },
    isDone: (a: number, c: number, step: string) => Boolean(stepDone.get(a, c, step)),
    /** A choice about to be offered, remembered until the customer answers it. */
    offerChoice: (a: number, c: number, choice: Omit<PendingChoice, 'messageId'>) =>
      void db
        .prepare(
          `INSERT OR REPLACE INTO choices (account_id, conversation_id, for_message, question, language, options, message_id, offered_at)
           VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
        )
        .run(a, c, choice.forMessage, choice.question, choice.language, JSON.stringify(choice.options), now()),
    /** The choice is in the conversation (its message id unknown if an earlier attempt posted it): a bot turn. */
    choicePosted: (a: number, c: number, messageId: number | null, language: string) =>
      void db.transaction(() => {
        db.prepare('UPDATE choices SET message_id = ? WHERE account_id = ? AND conversation_id = ?').run(messageId, a, c);
        db.prepare(
          `UPDATE conversations SET bot_turns = bot_turns + 1, choices_offered = choices_offered + 1, language = ?
           WHERE account_id = ? AND conversation_id = ?`,
        ).run(language, a, c);
      })(),
    pendingChoice(a: number, c: number): PendingChoice | undefined {
      const row = getChoice.get(a, c);
      return (
        row && {
          forMessage: row.for_message,
          question: row.question,
          language: row.language,
          options: JSON.parse(row.options) as string[],
          messageId: row.message_id,
        }
      );
    },
    clearChoice: (a: number, c: number) => void db.prepare('DELETE FROM choices WHERE account_id = ? AND conversation_id = ?').run(a, c),
    /** A new escalation round (the conversation came back to the bot after a handoff). */
    resetSteps: (a: number, c: number) =>
      void db.prepare('DELETE FROM steps WHERE account_id = ? AND conversation_id = ?').run(a, c),
  };
}
export type ConversationStore = ReturnType<typeof createConversationStore>;
