import type { SopHit, SopIndex } from './knowledge/sop-index.ts';
import { detectLanguage, type Language } from './knowledge/language.ts';
import { decide, type Decision, type Policy } from './triage.ts';

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

/** Retrieval then the pure decision: the one pipeline shared by the webhook handler and `eval`. */
export function assess(sops: SopIndex, input: AssessInput): Assessment {
  const language = detectLanguage(input.text, input.languageHint);
  const hits = sops.search(input.clientUid, input.text, language);
  const decision = decide({
    ...input,
    hits,
    language,
    hasLanguage: sops.hasLanguage(input.clientUid, language),
    internalBest: sops.internalBest(input.clientUid, input.text, language),
  });
  return { ...decision, language, hits };
}
