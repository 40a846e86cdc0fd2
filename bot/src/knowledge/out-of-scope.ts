import type { VaSop } from '@sbf-chatwoot/shared';
import type { Language } from './language.ts';
import { askedQuantities, limitExceeded, type LimitExceeded } from './limits.ts';
import { routingStepFor, type RoutingStep } from './routing-steps.ts';

export type OutOfScope = { kind: 'routed'; step: RoutingStep } | { kind: 'beyond_limit'; exceeded: LimitExceeded };

/**
 * Why a SOP's own notes keep this message's case from its answer, if they do: one of its steps hands
 * the case to a person (ADR 009), or the customer asks about an amount beyond one of its limits
 * (ADR 012). Such a SOP is not answered from, offered in a choice, or given to the composer.
 */
export function outOfScope(sop: VaSop, text: string, lang: Language): OutOfScope | undefined {
  const step = routingStepFor(sop, text);
  if (step) return { kind: 'routed', step };
  const exceeded = limitExceeded(sop, askedQuantities(text, lang));
  return exceeded && { kind: 'beyond_limit', exceeded };
}
