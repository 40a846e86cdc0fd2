import { eld } from 'eld/extrasmall';
// The extra-small n-gram set detects our five languages as well as the small one on every labelled
// message in bot/eval, and holds some 65 MB less in memory (docs/decisions/003).

/** Languages the bot answers in; SOP `locale` values outside this list are indexed as English. */
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

eld.setLanguageSubset([...LANGUAGES]);

export const asLanguage = (code: unknown): Language | undefined => {
  const base = typeof code === 'string' ? code.toLowerCase().slice(0, 2) : '';
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : undefined;
};

/** Scores this close to the detector's best count as a tie. */
const TIE = 0.98;

/**
 * The message's language: detected from the text when the detector is sure, else the
 * conversation's hint (widget browser language, contact locale), else English.
 */
export function detectLanguage(text: string, hint?: string): Language {
  const letters = text.replace(/[^\p{L}\s]/gu, '').trim();
  const hinted = asLanguage(hint);
  if (letters.length >= 8) {
    const result = eld.detect(letters);
    const lang = asLanguage(result.language);
    // Close languages can score alike on a short message ("¿aceptan paypal? no tengo tarjeta de
    // crédito": pt 0.656, es 0.655); then the widget's or contact's language decides.
    const scores = result.getScores() as Record<string, number>;
    if (hinted && hinted !== lang && lang && (scores[hinted] ?? 0) >= TIE * (scores[lang] ?? 0)) return hinted;
    if (lang && result.isReliable()) return lang;
  }
  return hinted ?? 'en';
}
