import type { Precedents } from './knowledge/precedents.ts';
import type { SopHit, SopIndex } from './knowledge/sop-index.ts';
import { detectLanguage, type Language } from './knowledge/language.ts';
import { sentencesOf } from './knowledge/sop-text.ts';
import { ALIKE_COUNT, decide, QUESTION_FLOOR, type Decision, type DecisionInput, type Policy } from './triage.ts';

export interface AssessInput {
  clientUid: string;
  text: string;
  /** Widget browser language or contact locale, used when the text is too short to tell. */
  languageHint?: string;
  botTurns: number;
  labels: string[];
  hasAttachments: boolean;
  policy: Policy;
  /** The SOP the bot answered with last in this conversation, if any. */
  lastAnsweredSop?: string;
  /** The channel shows buttons (web widget), so a choice of close SOPs can be offered. */
  canOfferChoice?: boolean;
  /** The bot's last turn was a choice the customer answered by typing instead. */
  choiceOffered?: boolean;
  /** Another client of the agency the text names, by title (the directory's `otherClientNamed`). */
  otherClient?: string;
}

export type Assessment = Decision & { language: Language; hits: SopHit[] };

/**
 * The question sentences of a message that also has other sentences, with what they retrieve; none
 * when every sentence, or none, is a question.
 */
function questionOf(sops: SopIndex, clientUid: string, text: string, language: Language) {
  const sentences = sentencesOf(text);
  const questions = sentences.filter((s) => s.includes('?'));
  if (sentences.length < 2 || !questions.length || questions.length === sentences.length) return undefined;
  const q = questions.join(' ');
  return { text: q, hits: sops.search(clientUid, q, language) };
}

/** Retrieval then the pure decision: the one pipeline shared by the webhook handler and `eval`. */
export function assess(sops: SopIndex, input: AssessInput, precedents?: Precedents): Assessment {
  const language = detectLanguage(input.text, input.languageHint);
  const hits = sops.search(input.clientUid, input.text, language);
  // New keys first, spreads last, here and below: on Node 20 a spread followed by new keys keeps
  // megabytes live at every scavenge (ADR 017).
  const decisionInput: DecisionInput = {
    hits,
    language,
    hasLanguage: sops.hasLanguage(input.clientUid, language),
    internalBest: sops.internalBest(input.clientUid, input.text, language),
    unpublishedBest: sops.unpublishedBest(input.clientUid, input.text, language),
    ...input,
  };
  const decision = decide(decisionInput);
  // Two more views matter only where retrieval, not a rule, decided; each costs a search, so they
  // are looked up then, and decided on together:
  // - context around a question ("Dear team, … Could you tell me …? Kind regards") dilutes its words,
  //   so where confidence held an answer back the question sentences are searched on their own;
  // - a question not in English may be on a topic the client wrote only in English. That changes
  //   what the bot does where it would answer or offer a choice, and what the VA reads where nothing
  //   in the customer's language was close.
  const lowConfidence = decision.kind === 'clarify' || (decision.kind === 'escalate' && decision.trigger === 'low_confidence');
  const byRetrieval = lowConfidence || decision.kind === 'answer' || (decision.kind === 'escalate' && decision.trigger === 'no_match');
  // decide() reads the question sentences only from QUESTION_FLOOR up; under it the search is spared.
  const question = lowConfidence && decision.confidence >= QUESTION_FLOOR ? questionOf(sops, input.clientUid, input.text, language) : undefined;
  const english = language !== 'en' && byRetrieval ? sops.search(input.clientUid, input.text, 'en', 1)[0] : undefined;
  const englishOnly = english && !sops.hasVersionIn(english.sop.uid, language) ? { sop: english.sop, score: english.score } : undefined;
  // - a past question much like this one tells what became of it (ADR 016); with no SOP retrieved
  //   decide() stops before it, so it is looked up where an answer or a choice was in reach; where
  //   confidence held the answer back, the few most alike also vote.
  const alike = lowConfidence ? precedents?.alike(input.clientUid, input.text, language, ALIKE_COUNT) : undefined;
  const precedent = lowConfidence ? alike?.[0] : decision.kind === 'answer' ? precedents?.nearest(input.clientUid, input.text, language) : undefined;
  if (!question && !englishOnly && !precedent) return { language, hits, ...decision };
  return { language, hits, ...decide({ question, englishOnly, precedent, alike, ...decisionInput }) };
}
