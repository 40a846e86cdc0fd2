import { describe, expect, it } from 'vitest';
import type { TrackedConversation } from '../../store/tracking.ts';
import { computeReport, percentile } from '../compute-report.ts';

const conv = (id: number, over: Partial<TrackedConversation>): TrackedConversation => ({
  account_id: 1,
  conversation_id: id,
  client_uid: 'va-client-acme-001',
  task_uid: null,
  first_seen_at: 0,
  bot_first_answer_at: null,
  escalated_at: null,
  va_handle: null,
  va_first_reply_at: null,
  resolved_at: null,
  reopen_count: 0,
  csat_rating: null,
  csat_comment: null,
  choices_offered: 0,
  choices_to_sop: 0,
  ...over,
});

describe('support report', () => {
  it('when some conversations are deflected and some escalated, then rates, response times and CSAT follow', () => {
    const rows = [
      conv(1, { resolved_at: 5_000, csat_rating: 5, choices_offered: 1, choices_to_sop: 1 }),
      conv(2, { resolved_at: 9_000, choices_offered: 2, choices_to_sop: 1 }),
      conv(3, { escalated_at: 0, va_handle: 'alice', va_first_reply_at: 60_000, resolved_at: 100_000, csat_rating: 2 }),
      conv(4, { escalated_at: 0, va_handle: 'alice', va_first_reply_at: 180_000, reopen_count: 1 }),
      conv(5, { escalated_at: 0, va_handle: 'bob' }),
      conv(6, { client_uid: 'va-client-bloom-001' }),
    ];
    const [acme, bloom] = computeReport(rows, (uid) => (uid === 'va-client-acme-001' ? 'Acme Cloud' : undefined));
    expect(acme).toMatchObject({
      client_uid: 'va-client-acme-001',
      client_name: 'Acme Cloud',
      conversations: 5,
      escalations: 3,
      escalation_rate: 0.6,
      deflected: 2,
      deflection_rate: 0.4,
      median_first_response_s: 60,
      p90_first_response_s: 180,
      csat_avg: 3.5,
      csat_count: 2,
      reopenings: 1,
      choices_offered: 3,
      choice_to_sop_rate: 0.667,
    });
    expect(acme!.vas.find((v) => v.va === 'alice')).toMatchObject({ conversations: 2, median_first_response_s: 60 });
    expect(acme!.vas.find((v) => v.va === 'bob')).toMatchObject({ median_first_response_s: null });
    // A client without a va.client note is named by its uid.
    expect(bloom).toMatchObject({ client_name: 'va-client-bloom-001', conversations: 1, deflected: 0, escalation_rate: 0 });
  });

  it.each([
    [[], 50, null],
    [[7], 90, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
  ])('when the percentile of %j at p%i is asked, then it is %s', (list, p, expected) => {
    expect(percentile(list, p)).toBe(expected);
  });
});
