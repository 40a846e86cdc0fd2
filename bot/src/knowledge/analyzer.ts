import { stemmer as de } from '@orama/stemmers/german';
import { stemmer as en } from '@orama/stemmers/english';
import { stemmer as es } from '@orama/stemmers/spanish';
import { stemmer as fr } from '@orama/stemmers/french';
import { stemmer as pt } from '@orama/stemmers/portuguese';
import { stopwords as deStop } from '@orama/stopwords/german';
import { stopwords as enStop } from '@orama/stopwords/english';
import { stopwords as esStop } from '@orama/stopwords/spanish';
import { stopwords as frStop } from '@orama/stopwords/french';
import { stopwords as ptStop } from '@orama/stopwords/portuguese';
import MiniSearch from 'minisearch';
import type { Language } from './language.ts';

const stemmers: Record<Language, (w: string) => string> = { en, es, fr, de, pt };
const stopwords: Record<Language, Set<string>> = {
  en: new Set(enStop),
  es: new Set(esStop),
  fr: new Set(frStop),
  de: new Set(deStop),
  pt: new Set(ptStop),
};
// Support chatter that every question shares; it carries no topic.
const chatter = new Set(['hi', 'hello', 'hey', 'thanks', 'thank', 'please', 'pls', 'hola', 'bonjour', 'hallo', 'olá', 'ola', 'gracias', 'merci', 'danke', 'obrigado', 'obrigada', 'can', 'could', 'would', 'need', 'want']);

/** Accents and other combining marks dropped: "remboursée" and "remboursee" are one word. */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

type TermProcessor = (term: string) => string | null;
const processors = new Map<Language, TermProcessor>();

/** Lower-case, drop stop words, stem in the given language, fold accents: one term or null. */
export function termProcessor(lang: Language): TermProcessor {
  let processor = processors.get(lang);
  if (!processor) processors.set(lang, (processor = newTermProcessor(lang)));
  return processor;
}

function newTermProcessor(lang: Language): TermProcessor {
  const stem = stemmers[lang];
  const stop = stopwords[lang];
  // Every query and every SOP goes through here several times; stems of known words are reused.
  const seen = new Map<string, string | null>();
  return (term) => {
    let out = seen.get(term);
    if (out !== undefined) return out;
    const t = term.toLowerCase();
    out = t.length < 2 || stop.has(t) || chatter.has(t) || /^\d{1,2}$/.test(t) ? null : fold(stem(t));
    if (seen.size > 100_000) seen.clear();
    seen.set(term, out);
    return out;
  };
}

/** MiniSearch's own tokenizer, so our terms and its terms split text alike. */
export const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
/** The distinct terms MiniSearch indexes for `text` in `lang`: tokens, stop words out, stemmed. */
export function termsOf(lang: Language, text: string): Set<string> {
  const process = termProcessor(lang);
  return new Set(tokenize(text).map(process).filter((t): t is string => Boolean(t)));
}

/** Shared terms over all terms of the two sets, 0..1. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  const either = a.size + b.size - both;
  return either ? both / either : 0;
}
