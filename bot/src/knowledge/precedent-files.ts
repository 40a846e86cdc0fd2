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

/** The cases of `a` left once each case of `b` has taken one equal to it: what `a` has that `b` has not. */
function minus(a: readonly LabelledCase[], b: readonly LabelledCase[]): LabelledCase[] {
  const left = new Map<string, number>();
  for (const c of b) left.set(caseKey(c), (left.get(caseKey(c)) ?? 0) + 1);
  return a.filter((c) => {
    const n = left.get(caseKey(c)) ?? 0;
    if (n > 0) left.set(caseKey(c), n - 1);
    return n === 0;
  });
}

/**
 * The `PRECEDENTS` files while the bot runs: their cases go into `precedents` at once, and
 * `recheck()` reads them again when one changed, came or went, so the bot decides by what they hold
 * now, without a restart. A file that no longer parses (half written, a bad line) leaves the
 * precedents as they were, with a warning naming it. A bad file at start throws (JsonlError).
 */
export function createPrecedentFiles(paths: string[], precedents: Precedents, log: Pick<Logger, 'info' | 'warn'>) {
  let stamp = stampOf(paths);
  let cases = loadCases(paths);
  cases.forEach((c) => precedents.add(c));
  return {
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
      const removed = minus(cases, next).filter((c) => precedents.remove(c)).length;
      const added = minus(next, cases);
      added.forEach((c) => precedents.add(c));
      cases = next;
      log.info({ added: added.length, removed, cases: next.length }, 'PRECEDENTS files changed: read again');
    },
  };
}
export type PrecedentFiles = ReturnType<typeof createPrecedentFiles>;
