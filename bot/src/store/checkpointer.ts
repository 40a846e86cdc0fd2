import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Db } from './db.ts';

// Plain JS evaluated in the thread, so it runs the same under tsx and in a bundle.
const THREAD = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
setInterval(() => {
  const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
  if (log > workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)');
}, workerData.intervalMs);
`;

/**
 * Runs WAL checkpoints in a thread with its own connection (docs/decisions/007). A checkpoint
 * fsyncs the WAL and the database (13-15 ms on our disks); left to SQLite it runs inside whichever
 * commit crosses 1,000 WAL pages, and every webhook waiting on that commit waits for the fsync too.
 * A PASSIVE checkpoint never blocks our commits, but while commits keep coming the WAL never starts
 * over, so past `restartFrames` a RESTART blocks writers once (some 20 ms) and lets it. If the
 * thread dies, the main connection checkpoints by itself again.
 */
export function startCheckpointer(db: Db, log: Logger, opts = { intervalMs: 100, restartFrames: 65_536 }): () => Promise<void> {
  const thread = new Worker(THREAD, {
    eval: true,
    workerData: { ...opts, file: db.name, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  thread.unref();
  db.pragma('wal_autocheckpoint = 0');
  // Once the WAL starts over, a file grown by a burst is cut back to 64 MB.
  db.pragma('journal_size_limit = 67108864');
  let ended = false;
  const fallBack = (err: unknown) => {
    if (ended) return;
    ended = true;
    log.error({ err }, 'checkpoint thread stopped; checkpointing on the main thread again');
    db.pragma('wal_autocheckpoint = 1000');
  };
  thread.on('error', fallBack);
  thread.on('exit', (code) => fallBack(new Error(`checkpoint thread exited with ${code}`)));
  return async () => {
    ended = true;
    await thread.terminate();
  };
}
