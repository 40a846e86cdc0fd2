import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from '../store/checkpointer.ts';
import { openDb } from '../store/db.ts';
import { createQueue } from '../store/queue.ts';

const fresh = () => openDb(join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'data'));
const capture = () => {
  const lines: { level: number; msg: string }[] = [];
  return { lines, log: pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) }) };
};

async function until(check: () => boolean, ms = 5000) {
  for (const end = Date.now() + ms; !check(); await sleep(20)) if (Date.now() > end) throw new Error('timed out');
}

describe('checkpoint thread', () => {
  it('when commits pile up in the WAL, then the thread copies them into the database and the main connection does not', async () => {
    const db = fresh();
    const stop = startCheckpointer(db, capture().log, { intervalMs: 20, restartFrames: 16_384 });
    const queue = createQueue(db);
    const before = statSync(db.name).size;
    const job = (n: number) => ({ convKey: `c${n}`, event: 'message_created', payload: 'x'.repeat(2000), dedupeKeys: [`k${n}`] });
    queue.enqueueMany(Array.from({ length: 300 }, (_, n) => job(n)));
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await until(() => statSync(db.name).size > before + 300 * 2000);
    await stop();
  });

  it('when the thread cannot run, then the error is logged and the main connection checkpoints by itself again', async () => {
    const db = fresh();
    rmSync(db.name); // the thread opens the file by name and must find it
    const { lines, log } = capture();
    const stop = startCheckpointer(db, log);
    await until(() => lines.some((l) => l.level === 50));
    expect(lines.filter((l) => l.level === 50).map((l) => l.msg)).toEqual(['checkpoint thread stopped; checkpointing on the main thread again']);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await stop();
  });
});
