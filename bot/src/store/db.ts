import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

/** Each conversation's oldest unfinished job is its lane's head; the rest wait behind it. */
export const rebuildLanes = `
  DELETE FROM lanes;
  INSERT INTO lanes (conv_key, head_id, next_run_at, running)
    SELECT conv_key, id, next_run_at, status = 'running' FROM jobs
    WHERE id IN (SELECT MIN(id) FROM jobs WHERE status IN ('queued', 'running') GROUP BY conv_key);`;

/** Schema changes append here; `user_version` says how many have run. */
export const migrations = [
  `CREATE TABLE jobs (
     id INTEGER PRIMARY KEY,
     conv_key TEXT NOT NULL,
     event TEXT NOT NULL,
     payload TEXT NOT NULL,
     delivery_id TEXT,
     status TEXT NOT NULL DEFAULT 'queued',
     attempts INTEGER NOT NULL DEFAULT 0,
     next_run_at INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     last_error TEXT
   );
   CREATE INDEX jobs_ready ON jobs(status, next_run_at);
   CREATE INDEX jobs_conv ON jobs(conv_key, status);
   CREATE TABLE dedupe (key TEXT PRIMARY KEY, job_id INTEGER NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE conversations (
     account_id INTEGER NOT NULL,
     conversation_id INTEGER NOT NULL,
     client_uid TEXT,
     task_uid TEXT,
     escalated_at INTEGER,
     escalation_reason TEXT,
     bot_turns INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (account_id, conversation_id)
   );
   CREATE TABLE steps (
     account_id INTEGER NOT NULL,
     conversation_id INTEGER NOT NULL,
     step TEXT NOT NULL,
     done_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, conversation_id, step)
   );`,
  `ALTER TABLE conversations ADD COLUMN last_answer_sop TEXT;
   ALTER TABLE conversations ADD COLUMN language TEXT;`,
  // Support tracking; all times are epoch ms taken from Chatwoot's payloads where they carry one.
  `ALTER TABLE conversations ADD COLUMN first_seen_at INTEGER;
   ALTER TABLE conversations ADD COLUMN bot_first_answer_at INTEGER;
   ALTER TABLE conversations ADD COLUMN va_handle TEXT;
   ALTER TABLE conversations ADD COLUMN va_first_reply_at INTEGER;
   ALTER TABLE conversations ADD COLUMN resolved_at INTEGER;
   ALTER TABLE conversations ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE conversations ADD COLUMN csat_rating INTEGER;
   ALTER TABLE conversations ADD COLUMN csat_comment TEXT;
   CREATE INDEX conversations_client ON conversations(client_uid, first_seen_at);`,
  // Claims walk queued jobs in id order and stop at the first runnable one, instead of sorting the backlog.
  `CREATE INDEX jobs_queued_order ON jobs(status, id);`,
  // One row per conversation with unfinished jobs (store/queue.ts): a claim reads the ready lanes
  // instead of walking every queued job to find the ones not waiting behind another. Payloads move
  // to their own table: a job's row changes three times (claimed, settled), and with its payload
  // inline each change rewrote the whole 3-4 KB record and its overflow pages into the WAL. Keyed
  // tables drop their rowid: one B-tree to write per insert instead of two.
  `CREATE TABLE lanes (
     conv_key TEXT PRIMARY KEY,
     head_id INTEGER NOT NULL,
     next_run_at INTEGER NOT NULL,
     running INTEGER NOT NULL DEFAULT 0
   ) WITHOUT ROWID;
   CREATE INDEX lanes_ready ON lanes(running, next_run_at, head_id);
   DROP INDEX jobs_queued_order;
   DROP INDEX jobs_conv;
   CREATE INDEX jobs_conv ON jobs(conv_key);
   CREATE TABLE payloads (job_id INTEGER PRIMARY KEY, payload TEXT NOT NULL);
   INSERT INTO payloads (job_id, payload) SELECT id, payload FROM jobs;
   ALTER TABLE jobs DROP COLUMN payload;
   CREATE TABLE dedupe_by_key (key TEXT PRIMARY KEY, job_id INTEGER NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
   INSERT INTO dedupe_by_key SELECT key, job_id, created_at FROM dedupe;
   DROP TABLE dedupe;
   ALTER TABLE dedupe_by_key RENAME TO dedupe;
   ${rebuildLanes}`,
  // The choice of SOPs the bot last offered in a conversation (handlers/choice.ts), until the
  // customer picks one or writes again. The question rides along: it is what a VA would be handed.
  `CREATE TABLE choices (
     account_id INTEGER NOT NULL,
     conversation_id INTEGER NOT NULL,
     question TEXT NOT NULL,
     language TEXT NOT NULL,
     options TEXT NOT NULL,
     message_id INTEGER,
     offered_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, conversation_id)
   ) WITHOUT ROWID;
   ALTER TABLE conversations ADD COLUMN choices_offered INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE conversations ADD COLUMN choices_to_sop INTEGER NOT NULL DEFAULT 0;`,
  // Which customer message a choice answers: a retry of that message's job must see its own offer
  // as its own, not as an earlier turn's choice the customer wrote past.
  `ALTER TABLE choices ADD COLUMN for_message INTEGER;`,
  // Questions a VA answered with a SOP from the dashboard: precedents learned at work (ADR 016).
  `CREATE TABLE precedents (
     id INTEGER PRIMARY KEY,
     client_uid TEXT NOT NULL,
     text TEXT NOT NULL,
     lang TEXT,
     outcome TEXT NOT NULL,
     source TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     UNIQUE (client_uid, text, outcome)
   );`,
];

/** The bot's store inside DATA_DIR. */
export const STORE_FILE = 'bot.sqlite';

export function openDb(dataDir: string, file = STORE_FILE): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, file));
  // WAL + NORMAL: a committed row survives a process crash (SIGKILL); see docs/decisions/002.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}
