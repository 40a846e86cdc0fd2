import type { VaSop } from '@sbf-chatwoot/shared';
import type { Language } from './language.ts';
import { plain, quantitiesIn, type Dimension, type Quantity } from './quantities.ts';
import { internalText, sentencesOf } from './sop-text.ts';

/**
 * A bound a SOP's VA notes set on an amount of time or data: "Exports over 10 GB can time out; ask
 * bob", "Requests with less than 7 days notice: create a task for elise". A question beyond it is not
 * one the SOP's answer covers (docs/decisions/012).
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

// Words a customer writes before an amount they mean to exceed ("plus de 3 mois"), folded, lower case.
const OVER: Record<Language, string> = {
  en: String.raw`over|more than|longer than|greater than|larger than|bigger than|above|beyond|exceeding|exceeds?|>`,
  es: String.raw`mas de|mas que|superior(?:es)? a|mayor(?:es)? (?:de|que)`,
  fr: String.raw`plus de|plus que|plus longues? que|au-dela de|superieure? a`,
  de: String.raw`mehr als|uber|langer als`,
  pt: String.raw`mais de|mais que|acima de|superior a`,
};
// VA notes (steps, internal) are in English (bot/eval/README.md).
const UP_TO_EN = String.raw`up to|at most|no more than|no longer than|maximum(?: of)?|max\.?`;
const LOWER_EN = String.raw`less than|under|fewer than|shorter than|<|below`;
// "up to 24 hours before they start" sets the notice a customer must give, which more notice meets.
const NOTICE = /^\s*(?:before|ahead|in advance|prior|earlier)\b/u;

const before = (alternatives: string) => new RegExp(`(?:^|[^\\p{L}])(?:${alternatives})\\s*\\(?\\s*$`, 'u');
const overBefore = Object.fromEntries(Object.entries(OVER).map(([l, words]) => [l, before(words)])) as Record<Language, RegExp>;
const upperBefore = before(`${OVER.en}|${UP_TO_EN}`);
const lowerBefore = before(LOWER_EN);

function boundsIn(sentence: string): Limit[] {
  const folded = plain(sentence);
  const out: Limit[] = [];
  for (const q of quantitiesIn(sentence, 'en')) {
    const lead = folded.slice(Math.max(0, q.index - 24), q.index);
    if (NOTICE.test(folded.slice(q.index + q.text.length))) continue;
    const bound = upperBefore.test(lead) ? 'upper' : lowerBefore.test(lead) ? 'lower' : undefined;
    if (bound) out.push({ dimension: q.dimension, bound, value: q.value, sentence });
  }
  return out;
}

const limitsBySop = new WeakMap<VaSop, Limit[]>();

/**
 * The bounds a SOP's VA notes set: its steps and internal notes. A bound in the answer ("pause for up
 * to 8 weeks") is told to the customer, so it answers a question beyond it, and an answer often
 * bounds something else than the customer asks about ("up to 2 GB" per file, asked "we're at 87 GB").
 */
export function limitsOf(sop: VaSop): Limit[] {
  let limits = limitsBySop.get(sop);
  if (!limits) {
    limits = [...(sop.steps ?? []), ...sentencesOf(internalText(sop))].flatMap(boundsIn);
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
const NOT_ASKED_BEFORE = /(?:^|[^\p{L}])(?:every|each|cada|a cada|tous les|toutes les|chaque|alle|jede[nrs]?|il y a|hace|vor|ha|faz|enceinte de|embarazada de|gravida de|schwanger im|i['’]?m|i am|j['’]ai|je suis|tengo|tenho|ich bin|agee? de|age de)[\s-]*$/u;
const NOT_ASKED_AFTER = /^[\s-]*(?:ago|old|pregnant|de grossesse|de embarazo|de gravidez|atras|d'age|de edad|de idade|alt)\b/u;

/**
 * The amounts a message asks about, each marked when the customer writes "more than …" before it;
 * frequencies, ages and time already passed are left out.
 */
export function askedQuantities(text: string, lang: Language): AskedQuantity[] {
  const folded = plain(text);
  const asked: AskedQuantity[] = [];
  for (const q of quantitiesIn(text, lang)) {
    const lead = folded.slice(Math.max(0, q.index - 24), q.index);
    if (NOT_ASKED_BEFORE.test(lead) || NOT_ASKED_AFTER.test(folded.slice(q.index + q.text.length))) continue;
    asked.push(overBefore[lang].test(lead) ? { ...q, atLeast: true } : q);
  }
  return asked;
}
