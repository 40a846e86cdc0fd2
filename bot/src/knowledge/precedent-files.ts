import { statSync } from 'node:fs';
import type { Logger } from 'pino';
import { JsonlError } from '../jsonl.ts';
import { loadCases, precedentFiles, type LabelledCase, type Precedents } from './precedents.ts';

const caseKey = (c: LabelledCase) => JSON.stringify([c.client_uid, c.text, c.lang ?? null, c.expect, c.why ?? null]);

/** Which files `paths` name now, each with its size and modification time: what tells a change. */
function stampOf(paths: string[]): string {
  return precedentFiles(paths)
    .map((f) => {
      try {
        const s = statSync(f);
        return `${f}:${s.size}:${s.mtimeMs}`;
      } catch {
        return `${f}:missing`;
      }
    })
    .join('\n');
}

/**
 * The `PRECEDENTS` files while the bot runs: `recheck()` reads them again when one changed, came or
 * went, and the bot then decides by what they hold now, without a restart. A file that no longer
 * parses (half written, a bad line) leaves the precedents as they were, with a warning naming it.
 */
export function createPrecedentFiles(paths: string[], precedents: Precedents, log: Pick<Logger, 'info' | 'warn'>) {
  let stamp = stampOf(paths);
  let cases = loadCases(paths);
  return {
    /** The cases read at start, to build the precedents with. */
    get cases(): readonly LabelledCase[] {
      return cases;
    },
    recheck() {
      const now = stampOf(paths);
      if (now === stamp) return;
      stamp = now;
      let next: LabelledCase[];
      try {
        next = loadCases(paths);
      } catch (err) {
        if (!(err instanceof JsonlError)) throw err;
        log.warn({ err: err.message }, 'PRECEDENTS changed but does not parse: deciding by the cases read before');
        return;
      }
      // Unchanged cases keep their place, so ties between equally alike past questions go as before.
      const left = new Map<string, number>();
      for (const c of next) left.set(caseKey(c), (left.get(caseKey(c)) ?? 0) + 1);
      let removed = 0;
      for (const c of cases) {
        const n = left.get(caseKey(c)) ?? 0;
        if (n > 0) left.set(caseKey(c), n - 1);
        else if (precedents.remove(c)) removed++;
      }
      const before = new Map<string, number>();
      for (const c of cases) before.set(caseKey(c), (before.get(caseKey(c)) ?? 0) + 1);
      let added = 0;
      for (const c of next) {
        const n = before.get(caseKey(c)) ?? 0;
        if (n > 0) {
          before.set(caseKey(c), n - 1);
          continue;
        }
        precedents.add(c);
        added++;
      }
      cases = next;
      log.info({ added, removed, cases: next.length }, 'PRECEDENTS files changed: read again');
    },
  };
}
export type PrecedentFiles = ReturnType<typeof createPrecedentFiles>;
