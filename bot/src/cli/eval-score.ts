export interface CaseResult {
  expect: { answer: string } | { escalate: true };
  /** `clarify`: the SOPs the customer was asked to choose from, besides "someone from the team". */
  got: { answer: string } | { escalate: true; trigger: string } | { clarify: string[] };
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

/**
 * answer precision: of the bot's own answers, the share with the right SOP (escalating is never wrong here);
 * escalation recall: of the cases that must reach a human, the share the bot did not answer itself
 *   (escalated, or offered a choice whose "someone from the team" button they take);
 * deflection: of the answerable cases, the share the bot answered correctly without asking.
 * With choices (`clarify`), the customer is taken to pick their own topic when it is offered:
 * deflection_with_choice adds those cases; choice_held_answer is how often the offer held it.
 */
export function scoreCases(results: CaseResult[]) {
  const answered = results.filter((r) => 'answer' in r.got);
  const correct = answered.filter((r) => 'answer' in r.expect && 'answer' in r.got && r.expect.answer === r.got.answer);
  const mustEscalate = results.filter((r) => 'escalate' in r.expect);
  const answerable = results.filter((r) => 'answer' in r.expect);
  const clarified = results.filter((r) => 'clarify' in r.got);
  const offeredRight = (r: CaseResult) => 'answer' in r.expect && 'clarify' in r.got && r.got.clarify.includes(r.expect.answer);
  const clarifiedAnswerable = clarified.filter((r) => 'answer' in r.expect);
  return {
    cases: results.length,
    answered: answered.length,
    answer_precision: ratio(correct.length, answered.length),
    escalation_recall: ratio(mustEscalate.filter((r) => !('answer' in r.got)).length, mustEscalate.length),
    deflection: ratio(correct.length, answerable.length),
    clarified: clarified.length,
    escalations_asked_first: mustEscalate.filter((r) => 'clarify' in r.got).length,
    choice_held_answer: ratio(clarifiedAnswerable.filter(offeredRight).length, clarifiedAnswerable.length),
    deflection_with_choice: ratio(correct.length + clarified.filter(offeredRight).length, answerable.length),
  };
}

export interface ThresholdCase extends CaseResult {
  confidence: number;
  /** The top SOP, when confidence alone decided (an answer, or `low_confidence`); unset when a rule did. */
  candidate?: string;
}

/**
 * The scores each threshold would have given on these cases: those that confidence alone decided
 * are answered from their top SOP at or above it, the rest keep their outcome. For choosing a
 * client's `bot.confidence_threshold` from its own labelled cases.
 */
export function sweepThresholds(results: ThresholdCase[], thresholds: number[]) {
  return thresholds.map((threshold) => ({
    threshold,
    ...scoreCases(
      results.map((r): CaseResult => {
        if (r.candidate === undefined) return r;
        return { ...r, got: r.confidence >= threshold ? { answer: r.candidate } : { escalate: true, trigger: 'low_confidence' } };
      }),
    ),
  }));
}
