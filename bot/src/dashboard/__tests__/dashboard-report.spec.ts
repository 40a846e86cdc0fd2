import { reportResponseSchema } from '@sbf-chatwoot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAppToken } from '../app-token.ts';
import { NOW, SECRET, startWorld, type World } from './world.ts';

const ACME = 'va-client-acme-001';
const GLOBEX = 'va-client-globex-001';
const T = NOW.getTime();

describe('dashboard report', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
    const { conversations: c, tracking: t } = w.ctx;
    // Acme (account 1): 100 escalated to alice, answered after 2 min; 101 resolved by the bot; 102 last year.
    c.ensure(1, 100, ACME);
    t.seen(1, 100, T - 60_000);
    c.linkTask(1, 100, 'va-task-acme-100', 'customer asked for a human');
    t.vaChosen(1, 100, 'alice');
    t.vaReplied(1, 100, T + 120_000);
    t.csat(1, 100, 4, undefined);
    c.ensure(1, 101, ACME);
    t.seen(1, 101, T - 30_000);
    t.resolved(1, 101, T);
    t.csat(1, 101, 5, 'quick');
    c.ensure(1, 102, ACME);
    t.seen(1, 102, Date.parse('2025-01-05'));
    // Globex (account 2) must never reach an account-1 token.
    c.ensure(2, 200, GLOBEX);
    t.seen(2, 200, T);
    t.resolved(2, 200, T);
  });
  afterAll(() => w.close());

  it("when an account-1 token asks for the report, then only Acme's figures come back, per client and per VA", async () => {
    const res = await w.call('GET', '/api/dashboard/report?since=2026-07-01');
    expect(res.status).toBe(200);
    const report = reportResponseSchema.parse(res.json);
    expect(report.period).toEqual({ since: '2026-07-01T00:00:00.000Z', until: NOW.toISOString() });
    expect(report.clients.map((x) => x.client_uid)).toEqual([ACME]);
    expect(res.text).not.toContain(GLOBEX);
    expect(report.clients[0]).toMatchObject({
      conversations: 2,
      escalations: 1,
      escalation_rate: 0.5,
      deflected: 1,
      deflection_rate: 0.5,
      median_first_response_s: 120,
      p90_first_response_s: 120,
      csat_avg: 4.5,
      csat_count: 2,
    });
    expect(report.clients[0]!.vas).toEqual([expect.objectContaining({ va: 'alice', conversations: 1, median_first_response_s: 120, csat_avg: 4 })]);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('when no since is given, then the whole history counts', async () => {
    const res = await w.call('GET', '/api/dashboard/report');
    expect(res.status).toBe(200);
    expect(res.json.clients[0].conversations).toBe(3);
    expect(res.json.period.since).toBe('1970-01-01T00:00:00.000Z');
  });

  it('when an account-2 token asks, then it sees Globex and not Acme', async () => {
    const res = await w.call('GET', '/api/dashboard/report', { token: issueAppToken(SECRET, 2) });
    expect(res.json.clients.map((x: { client_uid: string }) => x.client_uid)).toEqual([GLOBEX]);
    expect(res.json.clients[0]).toMatchObject({ conversations: 1, deflection_rate: 1, escalation_rate: 0 });
  });

  it('when no app token is sent, then the report is 401', async () => {
    const res = await w.call('GET', '/api/dashboard/report', { token: null });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatch(/missing app token/);
  });

  it.each(['yesterday', '2026-13-01', '2026-02-31', '2026-7-1'])('when since is %s, then the answer is 400 JSON', async (since) => {
    const res = await w.call('GET', `/api/dashboard/report?since=${since}`);
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid request');
  });
});
