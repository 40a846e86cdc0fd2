import { createTestingPinia } from '@pinia/testing';
import type { ReportResponse } from '@sbf-chatwoot/shared';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useReportStore } from '../../stores/report.ts';
import ReportView from '../ReportView.vue';

const stats = (o: Partial<ReportResponse['clients'][number]> = {}) => ({
  conversations: 0,
  escalations: 0,
  escalation_rate: null,
  deflected: 0,
  deflection_rate: null,
  median_first_response_s: null,
  p90_first_response_s: null,
  csat_avg: null,
  csat_count: 0,
  reopenings: 0,
  choices_offered: 0,
  choice_to_sop_rate: null,
  ...o,
});

const REPORT: ReportResponse = {
  period: { since: '2026-07-01T00:00:00.000Z', until: '2026-07-20T10:10:00.000Z' },
  clients: [
    {
      client_uid: 'va-client-acme-001',
      client_name: 'Acme Cloud',
      ...stats({ conversations: 40, escalations: 10, escalation_rate: 0.25, deflected: 28, deflection_rate: 0.7, median_first_response_s: 300, p90_first_response_s: 5400, csat_avg: 4.25, csat_count: 12, choices_offered: 8, choice_to_sop_rate: 0.75 }),
      vas: [
        { va: 'alice', ...stats({ conversations: 6, escalations: 6, median_first_response_s: 600, p90_first_response_s: 900, csat_avg: 4.5, csat_count: 4 }) },
        { va: 'bob', ...stats({ conversations: 4, escalations: 4, median_first_response_s: 150, p90_first_response_s: 240, csat_count: 0 }) },
      ],
    },
  ],
};

function mountView(report: Partial<{ report: ReportResponse | null; status: string; error: string | null }>) {
  return mount(ReportView, {
    global: { plugins: [createTestingPinia({ createSpy: vi.fn, initialState: { report: { status: 'ready', ...report } } })] },
  });
}

describe('ReportView', () => {
  it('when the report is loaded, then each client shows its figures', () => {
    const client = mountView({ report: REPORT }).get('[data-test="client"]');
    expect(client.get('h3').text()).toBe('Acme Cloud');
    expect(client.get('h3').attributes('title')).toBe('va-client-acme-001');
    expect(client.get('[data-test="conversations"]').text()).toBe('40');
    expect(client.get('[data-test="deflection"]').text()).toBe('70%');
    expect(client.get('[data-test="escalation"]').text()).toBe('25%');
    expect(client.get('[data-test="first-response"]').text()).toBe('5 min median · 1.5 h p90');
    expect(client.get('[data-test="csat"]').text()).toBe('4.3 (12)');
    expect(client.get('[data-test="choices"]').text()).toBe('8 · 75% answered by a SOP');
  });

  it('when the report is loaded, then deflection and escalation are drawn as bars to scale', () => {
    const bars = mountView({ report: REPORT }).get('[data-test="rate-bars"]');
    expect(bars.get('[data-test="bar-deflection"]').attributes('width')).toBe('70%');
    expect(bars.get('[data-test="bar-escalation"]').attributes('width')).toBe('25%');
    expect(bars.find('svg[aria-label="Deflection 70%"]').exists()).toBe(true);
  });

  it('when a client has VAs, then each gets a row and a bar scaled to the slowest median', () => {
    const w = mountView({ report: REPORT });
    const rows = w.findAll('[data-test="va-row"]').map((r) => r.findAll('td').map((td) => td.text()));
    expect(rows).toEqual([
      ['alice', '6', '6', '10 min', '15 min', '4.5 (4)'],
      ['bob', '4', '4', '3 min', '4 min', '— (0)'],
    ]);
    const widths = w.findAll('[data-test="va-bar"] rect').map((r) => r.attributes('width'));
    expect(widths).toEqual(['100%', '25%']);
  });

  it('when no conversation was tracked, then the view says so', () => {
    const w = mountView({ report: { ...REPORT, clients: [] } });
    expect(w.get('[data-test="report-empty"]').text()).toBe('No conversations tracked since 2026-07-01.');
    expect(w.find('svg').exists()).toBe(false);
  });

  it('when the bot fails, then the error shows', () => {
    const w = mountView({ report: null, status: 'error', error: 'the bot cannot be reached (timed out)' });
    expect(w.get('[role="alert"]').text()).toBe('the bot cannot be reached (timed out)');
  });

  it('when opened for the first time, then the store loads; when a date is chosen, it loads from that date', async () => {
    const w = mountView({ report: null, status: 'idle' });
    const store = useReportStore();
    expect(store.load).toHaveBeenCalledTimes(1);
    await w.get('[data-test="since"]').setValue('2026-06-01');
    await w.get('form').trigger('submit');
    expect(store.load).toHaveBeenLastCalledWith('2026-06-01');
  });
});
