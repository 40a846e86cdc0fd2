import type { VaSop } from '@sbf-chatwoot/shared';
import { isCanned } from './knowledge/canned-responses.ts';
import type { Language } from './knowledge/language.ts';
import type { LimitExceeded } from './knowledge/limits.ts';
import { outOfScope } from './knowledge/out-of-scope.ts';
import type { Precedent } from './knowledge/precedents.ts';
import type { SopHit } from './knowledge/sop-index.ts';
import { matchTrigger } from './triggers.ts';

export interface Policy {
  /** Answer only at or above this confidence (0..1); per client. */
  threshold: number;
  maxBotTurns: number;
  vipLabels: string[];
  /**
   * With an answer composer, a question below the threshold but at or above this confidence gets a
   * second look: the model may answer from the top SOPs or decline (see second-look.ts).
   */
  composerFloor: number;
  /**
   * A question below the threshold but at or above this confidence is met with a choice of the
   * closest SOPs ("Is it one of these?") where the channel can show one; null turns that off.
   */
  clarifyFloor: number | null;
}

export const defaultPolicy: Policy = { threshold: 0.72, maxBotTurns: 3, vipLabels: ['vip'], composerFloor: 0.45, clarifyFloor: 0.45 };

/** The client's `bot:` settings from its va.customer_support note, over the defaults. */
export function policyFor(bot: unknown): Policy {
  const b = (bot ?? {}) as {
    confidence_threshold?: number;
    max_bot_turns?: number;
    vip_labels?: string[];
    composer_floor?: number;
    clarify_floor?: number | false;
  };
  return {
    threshold: b.confidence_threshold ?? defaultPolicy.threshold,
    maxBotTurns: b.max_bot_turns ?? defaultPolicy.maxBotTurns,
    vipLabels: b.vip_labels ?? defaultPolicy.vipLabels,
    composerFloor: b.composer_floor ?? defaultPolicy.composerFloor,
    clarifyFloor: b.clarify_floor === false ? null : (b.clarify_floor ?? defaultPolicy.clarifyFloor),
  };
}

export interface DecisionInput {
  text: string;
  language: Language;
  /** Whether the client has any SOP in the customer's language. */
  hasLanguage: boolean;
  /** Another client of the agency that the message names ("our Acme Cloud workspace" in Lumen Dental's chat). */
  otherClient?: string;
  lastAnsweredSop?: string;
  /** The best-matching internal-only SOP, if any. */
  internalBest?: { sop: VaSop; score: number };
  /** A longer message's question sentences alone, and what they retrieve. */
  question?: { text: string; hits: SopHit[] };
  /** The best-matching draft or retired SOP, if any. */
  unpublishedBest?: { sop: VaSop; score: number };
  /**
   * For a question not in English: the best English SOP of the client when no version of it exists
   * in the customer's language.
   */
  englishOnly?: { sop: VaSop; score: number };
  /** The client's past question most like this one, with its outcome (ADR 016). */
  precedent?: Precedent;
  /** The client's past questions most like this one, most alike first, where confidence held an answer back. */
  alike?: Precedent[];
  hits: SopHit[];
  botTurns: number;
  hasAttachments: boolean;
  labels: string[];
  policy: Policy;
  /** The channel shows a choice of buttons (Chatwoot's input_select: the web widget). */
  canOfferChoice?: boolean;
  /** The bot's last turn in this conversation was a choice the customer did not take. */
  choiceOffered?: boolean;
}

export type Decision =
  | { kind: 'answer'; sop: VaSop; confidence: number; reason: string }
  | {
      kind: 'escalate';
      trigger: string;
      confidence: number;
      reason: string;
      /** A SOP step named the VA for this case, or asked for an urgent task. */
      route?: { va?: string; urgent: boolean };
    }
  | { kind: 'clarify'; options: VaSop[]; confidence: number; reason: string };

const round = (n: number) => Math.round(n * 100) / 100;

/** At most this many SOPs are offered; a SOP scoring under RIVAL of the top one is no rival to it. */
const CHOICES = 3;
const RIVAL = 0.5;
/** How much better the best English-only SOP must score than the best in the customer's language. */
const ENGLISH_ONLY = 2;
/**
 * How close to the best published SOP a draft or retired one must score (ADR 014). Under 1 because
 * it is scored in its own small index, where BM25 weighs every word as less rare.
 */
const UNPUBLISHED = 0.8;
/**
 * A message with context around its question is answered when its question sentences alone pass the
 * threshold on the same SOP and the whole message scores at least this (ADR 015).
 */
export const QUESTION_FLOOR = 0.6;

/**
 * A past question at least this alike (Jaccard of stemmed words) speaks for this one: its escalation
 * holds this one back, and its SOP, when close, answers it (ADR 016).
 */
const PRECEDENT = 0.3;
/**
 * Where confidence alone held an answer back, the client's `ALIKE_COUNT` past questions most like this
 * one vote: those at least `ALIKE` alike, each by its similarity. When `VOTES` or more of them were
 * answered by the top SOP and carry at least half the vote, the bot answers with it (ADR 016).
 */
export const ALIKE_COUNT = 5;
const ALIKE = 0.25;
const VOTES = 2;
/**
 * Escalations for who writes or how (a person asked for, anger, a refund or cancellation wanted),
 * which the rules read in each message itself, are no precedent for what is asked.
 */
const NOT_TOPICAL = new Set(['human_request', 'negative_sentiment', 'no_question', 'vip', 'refund', 'cancellation', 'complaint', 'legal', 'security']);

/** The alike past questions SOP `uid` answered, when they are `VOTES` or more and carry half the vote or more. */
function backingOf(alike: Precedent[], uid: string): Precedent[] | undefined {
  const voters = alike.filter((p) => p.similarity >= ALIKE);
  const backing = voters.filter((p) => 'answer' in p.outcome && p.outcome.answer === uid);
  const weight = (ps: Precedent[]) => ps.reduce((sum, p) => sum + p.similarity, 0);
  return backing.length >= VOTES && weight(backing) >= weight(voters) / 2 ? backing : undefined;
}

/** The top SOP and those scoring close to it. */
const rivalsOf = (hits: SopHit[]): SopHit[] => hits.filter((h) => h.score >= RIVAL * hits[0]!.score);

/**
 * Whether a SOP may stand for this message as it is written: no canned response (its variables need
 * the customer's message, and the team's wording is not reworded) and nothing in its own notes keeps
 * this case from its answer (ADR 009, 011, 012). Such SOPs are offered in a choice and read by the composer.
 */
export const answersAsWritten = (h: SopHit, text: string, lang: Language): boolean =>
  !isCanned(h.sop) && !h.internalOnly.length && !outOfScope(h.sop, text, lang);

/** The SOPs a customer may choose from when no single one is certain: close rivals of the top one that answer as written. */
export function choicesFor(hits: SopHit[], text: string, lang: Language = 'en'): VaSop[] {
  return rivalsOf(hits)
    .filter((h) => answersAsWritten(h, text, lang))
    .slice(0, CHOICES)
    .map((h) => h.sop);
}

/**
 * How sure we are that the top SOP answers the message: how much of the customer's wording it
 * covers (rarity-weighted), its margin over the runner-up, and its BM25 score (saturating).
 * Weights and the default threshold were fitted on bot/eval/dev.jsonl only; see README.
 */
export function confidenceOf(hits: SopHit[]): number {
  const [top, second] = hits;
  if (!top) return 0;
  const strength = 1 - Math.exp(-top.score / 40);
  const margin = second ? Math.max(0, (top.score - second.score) / top.score) : 1;
  return round(0.3 * top.idfCoverage + 0.4 * margin + 0.3 * strength);
}

/** Answer-or-escalate, as a pure function of the message, the retrieved SOPs and the policy. */
export function decide(input: DecisionInput): Decision {
  const text = input.text.trim();
  const escalate = (trigger: string, reason: string, confidence = 0, route?: { va?: string; urgent: boolean }): Decision => ({
    kind: 'escalate',
    trigger,
    confidence,
    reason,
    ...(route ? { route } : {}),
  });

  if (input.labels.some((l) => input.policy.vipLabels.includes(l))) return escalate('vip', 'VIP customer: a VA answers');
  if (input.hasAttachments) return escalate('attachment', 'the customer sent a file the bot cannot read');
  if (!text) return escalate('empty', 'the message has no text');
  const matched = matchTrigger(text);
  if (matched) return escalate(matched.trigger, `the message matches the "${matched.trigger}" rule ("${matched.phrase}")`);
  // The customer is in the wrong chat, or asks about that client: its SOPs, not this one's, would answer.
  if (input.otherClient) return escalate('other_client', `the message names ${input.otherClient}, another client of the agency`);
  if (input.botTurns >= input.policy.maxBotTurns) {
    return escalate('max_bot_turns', `the bot already answered ${input.botTurns} times in this conversation`);
  }

  if (!input.hasLanguage) return escalate('no_sop_in_language', `no SOP is written in "${input.language}"`);
  const confidence = confidenceOf(input.hits);
  const top = input.hits[0];
  // The English index matches a foreign question through names, brands and loanwords ("parking",
  // "gift card", "Garmin"); a match this much stronger than any in the customer's language says the
  // topic is one the client wrote only in English (ADR 013).
  if (input.englishOnly && input.englishOnly.score > ENGLISH_ONLY * (top?.score ?? 0)) {
    return escalate('no_sop_in_language', `the closest SOP, "${input.englishOnly.sop.title}", is written only in English`, confidence);
  }
  if (!top) return escalate('no_match', 'no SOP matches the question');
  if (input.internalBest && input.internalBest.score > top.score) {
    return escalate('internal_only', `the closest SOP, "${input.internalBest.sop.title}", is internal: a VA answers`, confidence);
  }
  // A question about what the client no longer, or not yet, offers ("Bloom Rewards points", a retired
  // Starter plan) matches that draft or retired SOP, and a published one only loosely.
  const unpublished = input.unpublishedBest;
  if (unpublished && unpublished.score >= UNPUBLISHED * top.score) {
    return escalate('not_published', `the closest SOP, "${unpublished.sop.title}", is ${unpublished.sop.status ?? 'not published'}: a VA answers`, confidence);
  }
  if (top.internalOnly.length) {
    const words = top.internalOnly.map((w) => `"${w}"`).join(', ');
    return escalate('internal_only', `the question names ${words}, which SOP "${top.sop.title}" speaks of only in its internal notes`, confidence);
  }
  const scope = outOfScope(top.sop, text, input.language);
  if (scope?.kind === 'routed') {
    const { step, ...route } = scope.step;
    return escalate('sop_routes_to_va', `SOP "${top.sop.title}" hands this case to a person: "${step}"`, confidence, route);
  }
  const beyondLimit = (sop: VaSop, { limit, asked }: LimitExceeded) =>
    escalate('beyond_limit', `the customer asks about ${asked}, beyond what SOP "${sop.title}" covers: "${limit.sentence}"`, confidence);
  if (scope?.kind === 'beyond_limit') return beyondLimit(top.sop, scope.exceeded);
  if (top.sop.uid === input.lastAnsweredSop) {
    return escalate('repeat_question', `the customer asks again what SOP "${top.sop.title}" already answered`, confidence);
  }
  const p = input.precedent;
  if (p && 'escalate' in p.outcome && p.similarity >= PRECEDENT && !NOT_TOPICAL.has(p.why ?? '')) {
    const why = p.why ? ` (${p.why})` : '';
    return escalate('precedent', `a question like this one needed a person${why}: "${p.text}" (${round(p.similarity)} alike)`, confidence);
  }
  const q = input.question;
  if (q && confidence < input.policy.threshold && confidence >= QUESTION_FLOOR && q.hits[0]?.sop.uid === top.sop.uid) {
    const asked = confidenceOf(q.hits);
    if (asked >= input.policy.threshold) {
      return {
        kind: 'answer',
        sop: top.sop,
        confidence: asked,
        reason: `the question "${q.text}" matched SOP "${top.sop.title}" (confidence ${asked}; the whole message ${confidence})`,
      };
    }
  }
  // The SOPs a choice would offer: read by a precedent and by the choice, worked out once.
  let close: VaSop[] | undefined;
  const closeSops = () => (close ??= choicesFor(input.hits, text, input.language));
  if (p && 'answer' in p.outcome && p.similarity >= PRECEDENT && confidence < input.policy.threshold) {
    const uid = p.outcome.answer;
    const sop = closeSops().find((s) => s.uid === uid);
    if (sop) {
      return {
        kind: 'answer',
        sop,
        confidence,
        reason: `SOP "${sop.title}", close to the question (confidence ${confidence}), answered one like it: "${p.text}" (${round(p.similarity)} alike)`,
      };
    }
  }
  const backing = input.alike && confidence < input.policy.threshold ? backingOf(input.alike, top.sop.uid) : undefined;
  if (backing) {
    return {
      kind: 'answer',
      sop: top.sop,
      confidence,
      reason: `SOP "${top.sop.title}" (confidence ${confidence}) answered ${backing.length} of the past questions most like this one, such as "${backing[0]!.text}" (${round(backing[0]!.similarity)} alike)`,
    };
  }
  const floor = input.policy.clarifyFloor;
  if (confidence < input.policy.threshold && input.canOfferChoice && !input.choiceOffered && floor !== null && confidence >= floor) {
    // A close SOP the amount asked is beyond ("5 months" of an up-to-3-months freeze) is most likely
    // what the question is about: the answer is a person's, not another SOP's.
    for (const h of rivalsOf(input.hits)) {
      const s = outOfScope(h.sop, text, input.language);
      if (s?.kind === 'beyond_limit') return beyondLimit(h.sop, s.exceeded);
    }
    const options = closeSops();
    if (options.length) {
      return {
        kind: 'clarify',
        options,
        confidence,
        reason: `best SOP "${top.sop.title}" scored ${confidence} < threshold ${input.policy.threshold}: the customer chooses from ${options.length} close SOP${options.length > 1 ? 's' : ''}`,
      };
    }
  }
  if (confidence < input.policy.threshold) {
    return escalate(
      'low_confidence',
      `best SOP "${top.sop.title}" scored ${confidence} < threshold ${input.policy.threshold}`,
      confidence,
    );
  }
  return {
    kind: 'answer',
    sop: top.sop,
    confidence,
    reason: `SOP "${top.sop.title}" matched ${top.matched.join(', ')} (confidence ${confidence})`,
  };
}
