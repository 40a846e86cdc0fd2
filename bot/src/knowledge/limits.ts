import type { VaSop } from '@sbf-chatwoot/shared';
import { asLanguage, type Language } from './language.ts';
import { fold, quantitiesIn, type Dimension, type Quantity } from './quantities.ts';
import { customerText, internalText } from './sop-text.ts';

/**
 * A bound a SOP sets on an amount of time or data: "pause for up to 8 weeks", "Exports over 10 GB
 * can time out; ask bob", "Requests with less than 7 days notice: create a task for elise". A
 * question beyond it is not one the SOP's answer covers (docs/decisions/012).
 */
export interface Limit {
  dimension: Dimension;
  /** `upper`: amounts above `value` are beyond it; `lower`: amounts below. */
  bound: 'upper' | 'lower';
  /** Days or GB. */
  value: number;
  /** The SOP sentence that sets it, for the VA's note. */
  sentence: string;
}

export interface LimitExceeded {
  limit: Limit;
  /** The customer's amount, as they wrote it. */
  asked: string;
}

// Words right before an amount that make it an upper bound, by language (folded, lower case):
// strictly above ("over 10 GB") and at most ("up to 8 weeks").
const OVER: Record<Language, string> = {
  en: String.raw`over|more than|longer than|greater than|larger than|bigger than|above|beyond|exceeding|exceeds?|>`,
  es: String.raw`mas de|mas que|superior(?:es)? a|mayor(?:es)? (?:de|que)`,
  fr: String.raw`plus de|plus que|plus longues? que|au-dela de|superieure? a`,
  de: String.raw`mehr als|uber|langer als`,
  pt: String.raw`mais de|mais que|acima de|superior a`,
};
const UP_TO: Record<Language, string> = {
  en: String.raw`up to|at most|no more than|no longer than|maximum(?: of)?|max\.?`,
  es: String.raw`hasta|como maximo|maximo`,
  fr: String.raw`jusqu'a|jusqu’a|au maximum|maximum`,
  de: String.raw`bis zu|hochstens|maximal|max\.?`,
  pt: String.raw`ate|no maximo|maximo`,
};
// Lower bounds are read only from VA notes (steps, internal), which are in English: in an answer,
// "less than 24 hours' notice costs $50" tells the customer what happens below the bound.
const LOWER_EN = String.raw`less than|under|fewer than|shorter than|<|below`;
// "up to 24 hours before they start" sets the notice a customer must give, which more notice meets.
const NOTICE = /^\s*(?:before|ahead|in advance|prior|earlier|avant|a l'avance|antes|de antecedencia|con antelacion|vorher|im voraus)\b/u;

const before = (alternatives: string) => new RegExp(`(?:^|[^\\p{L}])(?:${alternatives})\\s*\\(?\\s*$`, 'u');
const byLanguage = (f: (lang: Language) => RegExp) => Object.fromEntries(Object.keys(OVER).map((l) => [l, f(l as Language)])) as Record<Language, RegExp>;
const upperBefore = byLanguage((l) => before(`${OVER[l]}|${UP_TO[l]}`));
const overBefore = byLanguage((l) => before(OVER[l]));
const lowerBefore = before(LOWER_EN);

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);

function boundsIn(sentence: string, lang: Language, lower: boolean): Limit[] {
  const folded = fold(sentence);
  const out: Limit[] = [];
  for (const q of quantitiesIn(sentence, lang)) {
    const lead = folded.slice(Math.max(0, q.index - 24), q.index);
    if (NOTICE.test(folded.slice(q.index + q.text.length))) continue;
    const bound = upperBefore[lang].test(lead) ? 'upper' : lower && lowerBefore.test(lead) ? 'lower' : undefined;
    if (bound) out.push({ dimension: q.dimension, bound, value: q.value, sentence });
  }
  return out;
}

const limitsBySop = new WeakMap<VaSop, Limit[]>();

/** The bounds a SOP sets, from its answer (upper bounds), steps and internal notes (both kinds). */
export function limitsOf(sop: VaSop): Limit[] {
  let limits = limitsBySop.get(sop);
  if (!limits) {
    const notes = [...(sop.steps ?? []), ...sentencesOf(internalText(sop))];
    const answerLang = asLanguage(sop.locale) ?? 'en';
    limits = [
      ...sentencesOf(customerText(sop)).flatMap((s) => boundsIn(s, answerLang, false)),
      ...notes.flatMap((s) => boundsIn(s, 'en', true)),
    ];
    limitsBySop.set(sop, limits);
  }
  return limits;
}

/**
 * Whether the customer asks about an amount beyond what `sop` covers: over its highest upper bound
 * or under its lowest lower bound of that kind ("5 mois" against "up to 3 months"). "More than
 * 8 weeks" asked of an 8-week bound is beyond it too.
 */
export function limitExceeded(sop: VaSop, asked: AskedQuantity[]): LimitExceeded | undefined {
  if (!asked.length) return undefined;
  const limits = limitsOf(sop);
  for (const q of asked) {
    const same = limits.filter((l) => l.dimension === q.dimension);
    const upper = same.filter((l) => l.bound === 'upper').sort((a, b) => b.value - a.value)[0];
    const lower = same.filter((l) => l.bound === 'lower').sort((a, b) => a.value - b.value)[0];
    if (upper && (q.value > upper.value || (q.atLeast && q.value >= upper.value))) return { limit: upper, asked: q.text };
    if (lower && q.value < lower.value && !q.atLeast) return { limit: lower, asked: q.text };
  }
  return undefined;
}

export interface AskedQuantity extends Quantity {
  /** Written after "more than", "over" …: the customer means more than this. */
  atLeast?: boolean;
}

// Amounts that say how often ("every 15 days") or how long something has been ("5 months pregnant",
// "vor 4 Tagen") rather than how much the customer asks for; folded, lower case.
const NOT_ASKED_BEFORE = /(?:^|[^\p{L}])(?:every|each|cada|a cada|tous les|toutes les|chaque|alle|jede[nrs]?|il y a|hace|vor|ha|faz|enceinte de|embarazada de|gravida de|schwanger im)[\s-]*$/u;
const NOT_ASKED_AFTER = /^\s*(?:ago|old|pregnant|de grossesse|de embarazo|de gravidez|atras|d'age|de edad|de idade|alt)\b/u;

/**
 * The amounts a message asks about, each marked when the customer writes "more than …" before it;
 * frequencies, ages and time already passed are left out.
 */
export function askedQuantities(text: string, lang: Language): AskedQuantity[] {
  const folded = fold(text);
  const asked: AskedQuantity[] = [];
  for (const q of quantitiesIn(text, lang)) {
    const lead = folded.slice(Math.max(0, q.index - 24), q.index);
    if (NOT_ASKED_BEFORE.test(lead) || NOT_ASKED_AFTER.test(folded.slice(q.index + q.text.length))) continue;
    asked.push(overBefore[lang].test(lead) ? { ...q, atLeast: true } : q);
  }
  return asked;
}
