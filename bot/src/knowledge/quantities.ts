import { escapeRegExp } from '../regexp.ts';
import { fold } from './analyzer.ts';
import type { Language } from './language.ts';

/**
 * Amounts of time, data and money in a message or a SOP ("5 mois", "40 GB", ">8 weeks", "$4,500"), so that a
 * question can be held against a SOP's limits (limits.ts). Microsoft's recognizers-text was
 * measured for this and not taken: 4.3 s to build its French models, 0.3 ms a call, no German
 * number words (docs/decisions/012). Customers write these amounts with digits or a small number
 * word, which the tables below cover in our five languages.
 */
export type Dimension = Unit | Currency;
/** What a unit word after the amount measures ("5 mois", "40 GB"). */
type Unit = 'duration' | 'data';
/** Money counts only against money in the same currency: the clients price in their own. */
type Currency = 'usd' | 'chf' | 'eur';

export interface Quantity {
  dimension: Dimension;
  /** Days for a duration, gigabytes for data, units of the currency for money. */
  value: number;
  /** As written (accents folded, lower case). */
  text: string;
  /** Where it starts in the folded text. */
  index: number;
}

// A bare "h" is left out of the units: "vers 7h", "às 21h" are times of day more often than durations.
// Articles ("a week", "eine Woche") are left out: "twice a week" states a frequency, not an amount.
const NUMBER_WORDS: Record<Language, string[]> = {
  en: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
  es: ['uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'],
  fr: ['un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze'],
  de: ['eins', 'zwei', 'drei', 'vier', 'funf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwolf'],
  pt: ['um', 'dois', 'tres', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze'],
};
const ALSO_NUMBER_WORDS: Partial<Record<Language, Record<string, number>>> = { pt: { duas: 2 } };

const DAY = 1;
const HOUR = 1 / 24;
const MINUTE = HOUR / 60;
/** Unit words (accents folded, lower case) → size in days or GB. */
const UNITS: Record<Language, Record<Unit, Record<string, number>>> = {
  en: {
    duration: { minute: MINUTE, minutes: MINUTE, min: MINUTE, mins: MINUTE, hour: HOUR, hours: HOUR, hr: HOUR, hrs: HOUR, day: DAY, days: DAY, week: 7, weeks: 7, wk: 7, wks: 7, month: 30, months: 30, year: 365, years: 365, yr: 365, yrs: 365 },
    data: { kb: 1e-6, mb: 1e-3, gb: 1, gig: 1, gigs: 1, tb: 1000, megabytes: 1e-3, gigabytes: 1, terabytes: 1000 },
  },
  es: {
    duration: { minuto: MINUTE, minutos: MINUTE, min: MINUTE, hora: HOUR, horas: HOUR, dia: DAY, dias: DAY, semana: 7, semanas: 7, mes: 30, meses: 30, ano: 365, anos: 365 },
    data: { kb: 1e-6, mb: 1e-3, gb: 1, tb: 1000, megas: 1e-3, gigas: 1 },
  },
  fr: {
    duration: { minute: MINUTE, minutes: MINUTE, min: MINUTE, heure: HOUR, heures: HOUR, jour: DAY, jours: DAY, semaine: 7, semaines: 7, mois: 30, an: 365, ans: 365, annee: 365, annees: 365 },
    data: { ko: 1e-6, mo: 1e-3, go: 1, to: 1000, kb: 1e-6, mb: 1e-3, gb: 1, tb: 1000 },
  },
  de: {
    duration: { minute: MINUTE, minuten: MINUTE, min: MINUTE, stunde: HOUR, stunden: HOUR, tag: DAY, tage: DAY, tagen: DAY, woche: 7, wochen: 7, monat: 30, monate: 30, monaten: 30, jahr: 365, jahre: 365, jahren: 365 },
    data: { kb: 1e-6, mb: 1e-3, gb: 1, tb: 1000 },
  },
  pt: {
    duration: { minuto: MINUTE, minutos: MINUTE, min: MINUTE, hora: HOUR, horas: HOUR, dia: DAY, dias: DAY, semana: 7, semanas: 7, mes: 30, meses: 30, ano: 365, anos: 365 },
    data: { kb: 1e-6, mb: 1e-3, gb: 1, tb: 1000 },
  },
};

/** Accents folded, lower case: the form the tables below are written in. */
export const plain = (s: string) => fold(s).toLowerCase();

const alternation = (words: Iterable<string>) =>
  [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');

interface Reader {
  pattern: RegExp;
  numberOf: (word: string) => number | undefined;
  unitOf: (word: string) => { dimension: Unit; size: number } | undefined;
}

const readers = new Map<Language, Reader>();

function readerFor(lang: Language): Reader {
  let reader = readers.get(lang);
  if (reader) return reader;
  const words = new Map<string, number>(NUMBER_WORDS[lang].map((w, i) => [w, i + 1]));
  for (const [w, n] of Object.entries(ALSO_NUMBER_WORDS[lang] ?? {})) words.set(w, n);
  const units = new Map<string, { dimension: Unit; size: number }>();
  for (const dimension of ['duration', 'data'] as const) {
    for (const [w, size] of Object.entries(UNITS[lang][dimension])) units.set(w, { dimension, size });
  }
  // "40 GB", "40GB", "5-month", "three months"; digits may carry thousands or decimal marks.
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(\\d+(?:[.,]\\d+)*|${alternation(words.keys())})\\s*-?\\s*(${alternation(units.keys())})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  reader = {
    pattern,
    numberOf: (word) => {
      if (words.has(word)) return words.get(word);
      // "1,5" and "1.5" are decimals, "4,000" and "4.000" thousands: three digits after the mark.
      const n = Number(/^\d+[.,]\d{3}$/.test(word) || /[.,].*[.,]/.test(word) ? word.replace(/[.,]/g, '') : word.replace(',', '.'));
      return Number.isFinite(n) ? n : undefined;
    },
    unitOf: (word) => units.get(word),
  };
  readers.set(lang, reader);
  return reader;
}

// Currency signs and names, before the amount ("$4,500", "CHF 200") or after it ("200 francs", "50 €").
const CURRENCY_BEFORE: Record<string, Currency> = { 'us$': 'usd', $: 'usd', usd: 'usd', chf: 'chf', eur: 'eur', '€': 'eur' };
const CURRENCY_AFTER: Record<string, Currency> = {
  usd: 'usd', dollar: 'usd', dollars: 'usd', dolares: 'usd',
  chf: 'chf', 'fr.': 'chf', franc: 'chf', francs: 'chf', franken: 'chf',
  eur: 'eur', '€': 'eur', euro: 'eur', euros: 'eur',
};
const AMOUNT = String.raw`\d+(?:[.,'’]\d+)*`;
const MONEY = new RegExp(
  `(?<![\\p{L}\\p{N}$])(?:(${alternation(Object.keys(CURRENCY_BEFORE))})\\s*(${AMOUNT})|(${AMOUNT})\\s*(${alternation(Object.keys(CURRENCY_AFTER))})(?![\\p{L}\\p{N}]))`,
  'gu',
);
/** "4,500", "4.500" and "4'500" are thousands, "1,600.50" and "12,50" carry cents. */
const moneyValue = (s: string) => Number(s.replace(/[.,'’](?=\d{3}(?!\d))/g, '').replace(',', '.'));

/** Every amount of time, data or money written in `text` (in `lang`), in order; `text` is made plain first (see plain). */
export function quantitiesIn(text: string, lang: Language): Quantity[] {
  const reader = readerFor(lang);
  const folded = plain(text);
  const out: Quantity[] = [];
  for (const m of folded.matchAll(reader.pattern)) {
    const n = reader.numberOf(m[1]!);
    const unit = reader.unitOf(m[2]!);
    if (n === undefined || !unit) continue;
    out.push({ dimension: unit.dimension, value: n * unit.size, text: m[0], index: m.index });
  }
  for (const m of folded.matchAll(MONEY)) {
    const currency = m[1] ? CURRENCY_BEFORE[m[1]] : CURRENCY_AFTER[m[4]!];
    const value = moneyValue(m[2] ?? m[3]!);
    if (currency && Number.isFinite(value)) out.push({ dimension: currency, value, text: m[0], index: m.index });
  }
  return out.sort((a, b) => a.index - b.index);
}
