import type { SopHit, SopIndex } from './knowledge/sop-index.ts';
import { detectLanguage, type Language } from './knowledge/language.ts';
import { decide, type Decision, type DecisionInput, type Policy } from './triage.ts';

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
}

export type Assessment = Decision & { language: Language; hits: SopHit[] };

/**
 * The question sentences of a message that also has other sentences, with what they retrieve; none
 * when every sentence, or none, is a question.
 */
function questionOf(sops: SopIndex, clientUid: string, text: string, language: Language) {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());
  const questions = sentences.filter((s) => s.includes('?'));
  if (sentences.length < 2 || !questions.length || questions.length === sentences.length) return undefined;
  const q = questions.join(' ');
  return { text: q, hits: sops.search(clientUid, q, language) };
}

/** Retrieval then the pure decision: the one pipeline shared by the webhook handler and `eval`. */
export function assess(sops: SopIndex, input: AssessInput): Assessment {
  const language = detectLanguage(input.text, input.languageHint);
  const hits = sops.search(input.clientUid, input.text, language);
  let decisionInput: DecisionInput = {
    ...input,
    hits,
    language,
    hasLanguage: sops.hasLanguage(input.clientUid, language),
    internalBest: sops.internalBest(input.clientUid, input.text, language),
    unpublishedBest: sops.unpublishedBest(input.clientUid, input.text, language),
  };
  let decision = decide(decisionInput);
  // Context around a question ("Dear team, … Could you tell me …? Kind regards") dilutes its words;
  // the question sentences get a search of their own only where confidence alone held the answer back.
  if (decision.kind === 'clarify' || (decision.kind === 'escalate' && decision.trigger === 'low_confidence')) {
    const question = questionOf(sops, input.clientUid, input.text, language);
    if (question) decision = decide((decisionInput = { ...decisionInput, question }));
  }
  // Whether the topic is one the client wrote only in English changes what the bot does where it
  // would answer or offer a choice, and what the VA reads where nothing in the customer's language
  // was close; after a rule has fired, the English search is skipped.
  const byRetrieval = decision.kind !== 'escalate' || decision.trigger === 'low_confidence' || decision.trigger === 'no_match';
  if (language !== 'en' && byRetrieval) {
    const english = sops.search(input.clientUid, input.text, 'en', 1)[0];
    if (english && !sops.hasVersionIn(english.sop.uid, language)) {
      decision = decide({ ...decisionInput, englishOnly: { sop: english.sop, score: english.score } });
    }
  }
  return { ...decision, language, hits };
}
