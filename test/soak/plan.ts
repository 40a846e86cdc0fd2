import { between, mulberry32, pick } from './rng.ts';

/** What the customer writes, and what the bot should do about it if it still owns the conversation. */
export const QUESTIONS = {
  password: { text: 'Hi, I forgot my password and cannot log in. How do I reset my password?', sop: 'Reset your password' },
  invoices: { text: 'Where can I download my invoices? I need a PDF receipt for billing.', sop: 'Download your invoices' },
  refund: { text: 'I want a refund, I was charged twice', sop: undefined },
  human: { text: 'Can I talk to a real person please?', sop: undefined },
  // Close to the password SOP but not certain: the bot offers a choice; the customer clicks the SOP …
  vague: { text: 'I need to get back into my account', sop: 'Reset your password' },
  // … or "something else", and a VA takes it.
  vagueToTeam: { text: 'I need to get back into my account', sop: undefined },
} as const;
export type Question = keyof typeof QUESTIONS;

/** The button the customer clicks when the bot offers a choice. */
export const CLICKS: Partial<Record<Question, string>> = { vague: 'Reset your password', vagueToTeam: 'Something else: talk to our team' };

export type Step = { say: Question; duplicate: boolean } | { takeover: true };
export type ConversationKind = 'answer' | 'escalate' | 'takeover' | 'choice';

export interface ConversationPlan {
  id: number;
  kind: ConversationKind;
  steps: Step[];
}

export type Fault =
  | { kind: '5xx'; status: 500 | 502 | 503; times: number; path?: string; method?: string }
  | { kind: '429'; retryAfterSec: number; path?: string; method?: string }
  | { kind: 'timeout'; path?: string; method?: string };

export interface Plan {
  conversations: ConversationPlan[];
  /** ms between injected faults, and the fault. */
  faults: Array<{ afterMs: number; fault: Fault }>;
  /** ms between SIGKILLs, and how long the bot stays down before it is started again. */
  kills: Array<{ afterMs: number; downMs: number }>;
}

/** The bot's Chatwoot calls a fault can be aimed at (undefined = the next call, whatever it is). */
const TARGETS: Array<{ path?: string; method?: string }> = [
  {},
  { method: 'GET' },
  { method: 'POST', path: '/messages' },
  { method: 'POST', path: '/toggle_status' },
  { method: 'POST', path: '/assignments' },
  { method: 'POST', path: '/custom_attributes' },
];

const say = (rand: () => number, q: Question, dupRate: number): Step => ({ say: q, duplicate: rand() < dupRate });

/** Everything random in a soak run, drawn up front from the seed, so a seed names a run. */
export function makePlan(seed: number, opts: { conversations: number; seconds: number; firstId: number }): Plan {
  const rand = mulberry32(seed);
  const dup = 0.25;
  const conversations: ConversationPlan[] = [];
  for (let i = 0; i < opts.conversations; i++) {
    const id = opts.firstId + i;
    const r = rand();
    if (r < 0.15) {
      conversations.push({ id, kind: 'choice', steps: [say(rand, rand() < 0.6 ? 'vague' : 'vagueToTeam', dup)] });
    } else if (r < 0.45) {
      const steps = [say(rand, 'password', dup)];
      if (rand() < 0.5) steps.push(say(rand, 'invoices', dup));
      conversations.push({ id, kind: 'answer', steps });
    } else if (r < 0.8) {
      const steps = rand() < 0.5 ? [say(rand, 'refund', dup)] : [say(rand, 'invoices', dup), say(rand, 'human', dup)];
      conversations.push({ id, kind: 'escalate', steps });
    } else {
      conversations.push({ id, kind: 'takeover', steps: [say(rand, 'password', dup), { takeover: true }, say(rand, 'invoices', dup)] });
    }
  }

  const faults: Plan['faults'] = [];
  for (let t = 0; t < opts.seconds * 1000; ) {
    const afterMs = between(rand, 150, 700);
    t += afterMs;
    const target = pick(rand, TARGETS);
    const k = rand();
    const fault: Fault =
      k < 0.45
        ? { kind: '5xx', status: pick(rand, [500, 502, 503] as const), times: 1 + Math.floor(rand() * 2), ...target }
        : k < 0.7
          ? { kind: '429', retryAfterSec: pick(rand, [0, 1]), ...target }
          : { kind: 'timeout', ...target };
    faults.push({ afterMs, fault });
  }

  const kills: Plan['kills'] = [];
  for (let t = 0; t < opts.seconds * 1000; ) {
    const afterMs = between(rand, 2500, 7000);
    t += afterMs;
    kills.push({ afterMs, downMs: between(rand, 0, 400) });
  }
  return { conversations, faults, kills };
}
