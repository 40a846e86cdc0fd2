export interface CaseResult {
  expect: { answer: string } | { escalate: true };
  /** `clarify`: a choice was offered and no click is known, so the bot has neither answered nor escalated yet. */
  got: { answer: string } | { escalate: true; trigger: string } | { clarify: string[] };
  /** The SOPs offered as a choice, besides "someone from the team"; `got` is then what the customer's click led to. */
  offered?: string[];
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

/**
 * answer precision: of the bot's answers, the share with the right SOP (escalating is never wrong here);
 * escalation recall: of the cases that must reach a person, the share the bot did not answer (escalated,
 *   or offered a choice whose "someone from the team" button the customer takes);
 * deflection: of the answerable cases, the share answered with the right SOP.
 * When a choice was offered, `got` is what the customer's click led to (a clicks file) or, with no click
 * known, `clarify`. Beside them: how often a choice held the right SOP, and deflection_with_choice, which
 * takes every customer to click their own topic when it is offered (the best a choice can do).
 */
export function scoreCases(results: CaseResult[]) {
  const answered = results.filter((r) => 'answer' in r.got);
  const isRight = (r: CaseResult) => 'answer' in r.expect && 'answer' in r.got && r.expect.answer === r.got.answer;
  const correct = answered.filter(isRight);
  const mustEscalate = results.filter((r) => 'escalate' in r.expect);
  const answerable = results.filter((r) => 'answer' in r.expect);
  const offered = (r: CaseResult) => r.offered ?? ('clarify' in r.got ? r.got.clarify : undefined);
  const clarified = results.filter((r) => offered(r));
  const offeredRight = (r: CaseResult) => 'answer' in r.expect && Boolean(offered(r)?.includes(r.expect.answer));
  const clarifiedAnswerable = clarified.filter((r) => 'answer' in r.expect);
  const rightWithoutChoice = correct.filter((r) => !offered(r)).length;
  return {
    cases: results.length,
    answered: answered.length,
    answer_precision: ratio(correct.length, answered.length),
    escalation_recall: ratio(mustEscalate.filter((r) => !('answer' in r.got)).length, mustEscalate.length),
    deflection: ratio(correct.length, answerable.length),
    clarified: clarified.length,
    escalations_asked_first: mustEscalate.filter((r) => offered(r)).length,
    choice_held_answer: ratio(clarifiedAnswerable.filter(offeredRight).length, clarifiedAnswerable.length),
    deflection_with_choice: ratio(rightWithoutChoice + clarified.filter(offeredRight).length, answerable.length),
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
