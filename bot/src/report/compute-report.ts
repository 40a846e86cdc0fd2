import type { TrackedConversation } from '../store/tracking.ts';

export interface Stats {
  conversations: number;
  escalations: number;
  escalation_rate: number | null;
  /** Resolved without a handoff to a human. */
  deflected: number;
  deflection_rate: number | null;
  median_first_response_s: number | null;
  p90_first_response_s: number | null;
  csat_avg: number | null;
  csat_count: number;
  reopenings: number;
  /** Choices of close SOPs the bot offered, and the share the customer answered with a SOP. */
  choices_offered: number;
  choice_to_sop_rate: number | null;
}

/** Nearest-rank percentile of an already sorted list. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);

export function stats(rows: TrackedConversation[]): Stats {
  const escalated = rows.filter((r) => r.escalated_at !== null);
  const responses = escalated
    .filter((r) => r.va_first_reply_at !== null)
    .map((r) => Math.max(0, (r.va_first_reply_at! - r.escalated_at!) / 1000))
    .sort((x, y) => x - y);
  const ratings = rows.map((r) => r.csat_rating).filter((x): x is number => x !== null);
  const offered = rows.reduce((n, r) => n + r.choices_offered, 0);
  const deflected = rows.filter((r) => r.escalated_at === null && r.resolved_at !== null).length;
  return {
    conversations: rows.length,
    escalations: escalated.length,
    escalation_rate: rate(escalated.length, rows.length),
    deflected,
    deflection_rate: rate(deflected, rows.length),
    median_first_response_s: percentile(responses, 50),
    p90_first_response_s: percentile(responses, 90),
    csat_avg: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null,
    csat_count: ratings.length,
    reopenings: rows.reduce((n, r) => n + r.reopen_count, 0),
    choices_offered: offered,
    choice_to_sop_rate: rate(rows.reduce((n, r) => n + r.choices_to_sop, 0), offered),
  };
}

const groupBy = <K extends string>(rows: TrackedConversation[], key: (r: TrackedConversation) => K | null) => {
  const out = new Map<K, TrackedConversation[]>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null) out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
};

/** Per client (named from its va.client note when `nameOf` knows it), and per VA within each client. */
export function computeReport(rows: TrackedConversation[], nameOf: (clientUid: string) => string | undefined = () => undefined) {
  return [...groupBy(rows, (r) => r.client_uid)].map(([client_uid, clientRows]) => ({
    client_uid,
    client_name: nameOf(client_uid) ?? client_uid,
    ...stats(clientRows),
    vas: [...groupBy(clientRows, (r) => r.va_handle)].map(([va, vaRows]) => ({ va, ...stats(vaRows) })),
  }));
}
export type Report = ReturnType<typeof computeReport>;
