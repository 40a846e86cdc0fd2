import type { VaSop } from '@sbf-chatwoot/shared';
import type { Assessment } from '../assess.ts';
import { answersAsWritten, type Decision, type Policy } from '../triage.ts';
import { isCanned } from './canned-responses.ts';
import type { Composer } from './composer.ts';

export type Outcome =
  | { kind: 'answer'; sop: VaSop; confidence: number; reason: string; /** The composer's wording, else the SOP's own. */ text?: string }
  | Extract<Decision, { kind: 'escalate' | 'clarify' }>;

const CANDIDATES = 3;

/**
 * What the optional composer makes of an assessment; shared by the webhook handler and `eval`.
 * - A confident answer is reworded from the top SOPs. If the model declines, a person answers; if the
 *   model is unreachable, the SOP's own text is still a grounded answer.
 * - A question just below the threshold (at or above the client's composer floor, no other rule hit)
 *   gets a second look: the model answers from the top SOPs, naming the one it used, or declines.
 *   Lexical scores miss paraphrases; the model reads them, and is held to the same excerpts.
 * A question the customer would be asked to choose for (a clarify) gets the same second look: if
 * the model declines, the choice would offer SOPs it read and found wanting, so a person answers.
 * A canned response goes out as the team wrote it and is never sent to the model.
 */
export async function withComposer(composer: Composer | undefined, text: string, a: Assessment, policy: Policy): Promise<Outcome> {
  if (!composer) return a;
  // The model reads only a SOP's public text: one whose notes keep this case from it is no source.
  const candidates = a.hits
    .filter((h) => answersAsWritten(h, text, a.language))
    .map((h) => h.sop)
    .slice(0, CANDIDATES);

  if (a.kind === 'answer') {
    if (isCanned(a.sop)) return a;
    const sops = [a.sop, ...candidates.filter((s) => s.uid !== a.sop.uid)].slice(0, CANDIDATES);
    const composed = await composer.compose(text, sops, a.language).catch(() => undefined);
    if (!composed) return { ...a, reason: `${a.reason}; the answer composer was unreachable, so the SOP text is sent` };
    if (composed.kind === 'cannot_answer') {
      return { kind: 'escalate', trigger: 'composer_declined', confidence: a.confidence, reason: `the answer composer could not answer from SOP "${a.sop.title}"` };
    }
    return { ...a, sop: sops[composed.source ?? 0]!, text: composed.text };
  }

  const lowConfidence = a.kind === 'clarify' || a.trigger === 'low_confidence';
  const borderline = lowConfidence && a.confidence >= policy.composerFloor && candidates.length > 0;
  if (!borderline) return a;
  const composed = await composer.compose(text, candidates, a.language).catch(() => undefined);
  if (!composed) return { ...a, reason: `${a.reason}; the answer composer was unreachable` };
  if (composed.kind === 'cannot_answer') {
    const reason = `${a.reason}; the answer composer could not answer from the top ${candidates.length} SOPs`;
    return a.kind === 'clarify' ? { kind: 'escalate', trigger: 'low_confidence', confidence: a.confidence, reason } : { ...a, reason };
  }
  const sop = candidates[composed.source ?? 0]!;
  return {
    kind: 'answer',
    sop,
    confidence: a.confidence,
    text: composed.text,
    reason: `SOP "${sop.title}" scored ${a.confidence} (below ${policy.threshold}); the answer composer answered from it`,
  };
}
