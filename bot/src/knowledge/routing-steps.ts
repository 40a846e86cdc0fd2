import { stemmer } from '@orama/stemmers/english';
import type { VaSop } from '@sbf-chatwoot/shared';

/**
 * A SOP step such as "If they are the only owner, create a task for alice" says that a case the
 * Answer section seems to cover belongs to a person. Steps are written for VAs, in English.
 */
const ROUTING_STEP = /^\s*if\s+(.+?),\s*(?:then\s+)?(?:create\s+(?:an?\s+)?(?:urgent\s+)?task|escalate|hand\s*(?:-\s*)?(?:over|off)|transfer)\b/i;

// Words a condition shares with any sentence. English stop-word lists would also drop "only",
// "not" and "no", which carry the condition ("the only owner"), so this list is our own.
const FILLER = new Set(
  `a an the they them their he she his her it its is are was were be been being has have had do does did
   of to for and or in on at by with as from this that these those they're more less than over under least
   most customer customers client member patient user our`.split(/\s+/),
);

const termsOf = (text: string): Set<string> =>
  new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? [])
      .filter((w) => !FILLER.has(w) && !/\d/.test(w))
      .map((w) => stemmer(w.replace(/'s$/, '')))
      .filter((w) => w.length > 1),
  );

/** What a routing step says beyond "a person": who (a VA handle after "task for" / "escalate to") and how fast. */
export interface RoutingStep {
  step: string;
  va?: string;
  urgent: boolean;
}

interface Route extends RoutingStep {
  terms: Set<string>;
}

const NAMED_VA = /\b(?:task\s+for|escalate\s+(?:it\s+)?to|hand\s*(?:-\s*)?(?:over|off)\s+to|transfer\s+(?:it\s+)?to)\s+([a-z][\w.-]*)/i;

const routesBySop = new WeakMap<VaSop, Route[]>();

function routesOf(sop: VaSop): Route[] {
  let routes = routesBySop.get(sop);
  if (!routes) {
    routes = [];
    for (const step of sop.steps ?? []) {
      const condition = ROUTING_STEP.exec(step)?.[1];
      if (!condition) continue;
      const terms = termsOf(condition);
      // One word ("If urgent, …") would catch routine questions too.
      if (terms.size < 2) continue;
      // "a task for the sales team" names a team, not a VA.
      const named = NAMED_VA.exec(step)?.[1]?.toLowerCase();
      const va = named && !FILLER.has(named) ? named : undefined;
      routes.push({ step, terms, urgent: /\burgent\b/i.test(step), ...(va ? { va } : {}) });
    }
    routesBySop.set(sop, routes);
  }
  return routes;
}

/** The SOP step that hands this message's case to a person: every word of its condition is in the message. */
export function routingStepFor(sop: VaSop, text: string): RoutingStep | undefined {
  const routes = routesOf(sop);
  if (!routes.length) return undefined;
  const words = termsOf(text);
  const route = routes.find((r) => [...r.terms].every((t) => words.has(t)));
  if (!route) return undefined;
  const { terms: _terms, ...step } = route;
  return step;
}
