import MiniSearch from 'minisearch';
import { z } from 'zod';
import { jaccard, termProcessor, termsOf } from './analyzer.ts';
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

/** How many candidates BM25 hands to the Jaccard comparison. */
const CANDIDATES = 10;

/**
 * Past questions of each client, by language, to find the one most like a new question (ADR 016).
 * A question's own words decide, not its topic's: BM25 picks candidates, the share of words both
 * questions use ranks them.
 */
export function createPrecedents(cases: LabelledCase[]) {
  const indexes = new Map<string, { search: MiniSearch<{ id: number; text: string }>; terms: Map<number, Set<string>> }>();
  cases.forEach((c, id) => {
    // Indexed under the language a live message with this text and hint is read in.
    const lang = detectLanguage(c.text, c.lang);
    const key = `${c.client_uid}|${lang}`;
    let idx = indexes.get(key);
    if (!idx) {
      idx = { search: new MiniSearch({ fields: ['text'], processTerm: termProcessor(lang) }), terms: new Map() };
      indexes.set(key, idx);
    }
    idx.search.add({ id, text: c.text });
    idx.terms.set(id, termsOf(lang, c.text));
  });
  return {
    size: cases.length,
    /** The client's past question most like `text` in `lang`, if any shares a word with it. */
    nearest(clientUid: string, text: string, lang: Language): Precedent | undefined {
      const idx = indexes.get(`${clientUid}|${lang}`);
      const asked = termsOf(lang, text);
      if (!idx || !asked.size) return undefined;
      let best: Precedent | undefined;
      for (const r of idx.search.search(text).slice(0, CANDIDATES)) {
        const similarity = jaccard(asked, idx.terms.get(r.id)!);
        if (best && similarity <= best.similarity) continue;
        const c = cases[r.id]!;
        best = { text: c.text, outcome: c.expect, ...(c.why ? { why: c.why } : {}), similarity };
      }
      return best;
    },
  };
}
export type Precedents = ReturnType<typeof createPrecedents>;
