import type { SopSuggestion } from '@sbf-chatwoot/shared';
import { detectLanguage } from '../knowledge/language.ts';
import type { SopHit, SopIndex } from '../knowledge/sop-index.ts';
import { customerText } from '../knowledge/sop-text.ts';

const MAX_TEXTS = 5;
const LIMIT = 5;

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
};

const toSuggestion = (hit: SopHit, from: string | null): SopSuggestion => ({
  uid: hit.sop.uid,
  title: hit.sop.title,
  answer: customerText(hit.sop),
  body: hit.sop.content ?? '',
  score: Math.round(hit.score * 100) / 100,
  coverage: Math.round(hit.coverage * 100) / 100,
  matched: [...new Set(hit.matched)],
  from,
});

/**
 * The client's SOPs for the conversation's latest customer messages (newest first), each
 * with the message it matched and the words that made it match; best score per SOP wins.
 */
export function suggestSops(sops: SopIndex, clientUid: string, texts: string[], languageHint?: string): SopSuggestion[] {
  const recent = [...new Set(texts.map((t) => t.trim()).filter(Boolean))].slice(-MAX_TEXTS).reverse();
  const best = new Map<string, SopSuggestion>();
  for (const text of recent) {
    for (const hit of sops.search(clientUid, text, detectLanguage(text, languageHint), LIMIT)) {
      const seen = best.get(hit.sop.uid);
      if (!seen || hit.score > seen.score) best.set(hit.sop.uid, toSuggestion(hit, excerpt(text)));
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, LIMIT);
}

/** The VA's own search box. */
export function searchSops(sops: SopIndex, clientUid: string, query: string, languageHint?: string): SopSuggestion[] {
  return sops.search(clientUid, query, detectLanguage(query, languageHint), LIMIT).map((hit) => toSuggestion(hit, null));
}
