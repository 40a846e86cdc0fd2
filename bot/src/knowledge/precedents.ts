import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonl } from '../jsonl.ts';
import { termsOf } from './analyzer.ts';
import { detectLanguage, type Language } from './language.ts';

/**
 * A customer question with its known outcome: the SOP that answers it, or a person. The eval's
 * labelled cases (`bot/eval/*.jsonl`) have this shape, and so does the agency's bank of precedents.
 */
export const labelledCaseSchema = z.object({
  text: z.string(),
  client_uid: z.string(),
  lang: z.string().optional(),
  labels: z.array(z.string()).optional(),
  expect: z.union([z.object({ answer: z.string() }), z.object({ escalate: z.literal(true) })]),
  why: z.string().optional(),
});
export type LabelledCase = z.infer<typeof labelledCaseSchema>;

export interface Precedent {
  text: string;
  outcome: LabelledCase['expect'];
  why?: string;
  /** Jaccard of the two questions' stemmed words, 0..1. */
  similarity: number;
}

/**
 * Past questions of each client, by language, to find the one most like a new question (ADR 016):
 * the one sharing the largest part of the words the two use together (Jaccard of stemmed words).
 */
export function createPrecedents(cases: LabelledCase[]) {
  /** "<client>|<language>" → stemmed word → the cases using it; and each case's words. */
  const postings = new Map<string, Map<string, number[]>>();
  const known: LabelledCase[] = [];
  const terms: Array<Set<string>> = [];
  /** Ids of removed cases; their slots stay, so ids stay positions. */
  const gone = new Set<number>();
  /** Where a case is indexed: under the language a live message with its text and hint is read in. */
  function placeOf(c: LabelledCase) {
    const lang = detectLanguage(c.text, c.lang);
    return { lang, key: `${c.client_uid}|${lang}` };
  }
  function add(c: LabelledCase) {
    const id = known.push(c) - 1;
    const { lang, key } = placeOf(c);
    let byTerm = postings.get(key);
    if (!byTerm) postings.set(key, (byTerm = new Map()));
    const words = termsOf(lang, c.text);
    for (const t of words) {
      const ids = byTerm.get(t);
      if (ids) ids.push(id);
      else byTerm.set(t, [id]);
    }
    terms.push(words);
  }
  cases.forEach(add);
  /** Past question id → its Jaccard similarity with `text`, for those sharing a word with it. */
  function similarities(clientUid: string, text: string, lang: Language): Map<number, number> {
    const byTerm = postings.get(`${clientUid}|${lang}`);
    const asked = termsOf(lang, text);
    const shared = new Map<number, number>();
    if (!byTerm || !asked.size) return shared;
    for (const t of asked) for (const id of byTerm.get(t) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    for (const [id, both] of shared) shared.set(id, both / (asked.size + terms[id]!.size - both));
    return shared;
  }
  function precedentOf(id: number, similarity: number): Precedent {
    const c = known[id]!;
    // The spread last: a lookup runs on every uncertain decision (ADR 017).
    return { similarity, text: c.text, outcome: c.expect, ...(c.why ? { why: c.why } : {}) };
  }
  return {
    get size() {
      return known.length - gone.size;
    },
    /** A question settled since start (a VA answered it with a SOP): it counts from the next message on. */
    add,
    /** Forgets the latest case with `c`'s client, text and outcome; false when there is none. */
    remove(c: LabelledCase): boolean {
      const outcome = JSON.stringify(c.expect);
      let id = known.length - 1;
      while (id >= 0 && (gone.has(id) || known[id]!.client_uid !== c.client_uid || known[id]!.text !== c.text || JSON.stringify(known[id]!.expect) !== outcome)) id--;
      if (id < 0) return false;
      gone.add(id);
      const byTerm = postings.get(placeOf(c).key)!;
      for (const t of terms[id]!) {
        const ids = byTerm.get(t)!.filter((other) => other !== id);
        if (ids.length) byTerm.set(t, ids);
        else byTerm.delete(t);
      }
      return true;
    },
    /** The client's past question most like `text` in `lang`, if any shares a word with it. */
    nearest(clientUid: string, text: string, lang: Language): Precedent | undefined {
      let best: { id: number; similarity: number } | undefined;
      for (const [id, similarity] of similarities(clientUid, text, lang)) {
        // Ties go to the earlier case, so the answer does not hang on Map order.
        if (!best || similarity > best.similarity || (similarity === best.similarity && id < best.id)) best = { id, similarity };
      }
      return best && precedentOf(best.id, best.similarity);
    },
    /** The client's `k` past questions most like `text` in `lang`, most alike first (ties: earlier first). */
    alike(clientUid: string, text: string, lang: Language, k: number): Precedent[] {
      return [...similarities(clientUid, text, lang)]
        .sort(([a, x], [b, y]) => y - x || a - b)
        .slice(0, k)
        .map(([id, similarity]) => precedentOf(id, similarity));
    },
  };
}
export type Precedents = ReturnType<typeof createPrecedents>;

/**
 * The files `paths` name: a file as given, a directory as its `*.jsonl` files, in name order, but not
 * the `*.clicks.jsonl` beside labelled sets (bot/eval).
 */
export function precedentFiles(paths: string[]): string[] {
  return paths.flatMap((p) => {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      // Not there: readJsonl names it.
    }
    if (!dir) return [p];
    return readdirSync(p)
      .filter((f) => f.endsWith('.jsonl') && !f.endsWith('.clicks.jsonl'))
      .sort()
      .map((f) => join(p, f));
  });
}

/** The cases in these labelled JSON-lines files (or directories of them); a bad file or line throws a JsonlError naming it. */
export const loadCases = (paths: string[]): LabelledCase[] => precedentFiles(paths).flatMap((f) => readJsonl(f, labelledCaseSchema));

export const loadPrecedents = (paths: string[]): Precedents => createPrecedents(loadCases(paths));
