import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureApi } from '../../api/http.ts';
import { startFakeBot, type FakeBot } from '../../__tests__/fake-bot.ts';
import { daysAgo, useReportStore } from '../report.ts';

const REPORT = { period: { since: '2026-06-01T00:00:00.000Z', until: '2026-07-20T10:10:00.000Z' }, clients: [] };

describe('report store', () => {
  let bot: FakeBot;
  let answer: { status?: number; body: unknown } = { body: REPORT };
  beforeAll(async () => {
    bot = await startFakeBot({ 'GET /api/dashboard/report': () => answer });
  });
  afterAll(() => bot.close());
  beforeEach(() => {
    setActivePinia(createPinia());
    configureApi({ baseURL: bot.baseURL, appToken: 'app-token-1' });
    bot.calls.length = 0;
    answer = { body: REPORT };
  });

  it('when loaded, then the bot is asked from the chosen date with the app token, and the report is kept', async () => {
    const store = useReportStore();
    expect(store.since).toBe(daysAgo(30));
    await store.load('2026-06-01');
    expect(bot.calls[0]).toMatchObject({ path: '/api/dashboard/report?since=2026-06-01', headers: { authorization: 'Bearer app-token-1' } });
    expect(store.status).toBe('ready');
    expect(store.report).toEqual(REPORT);
  });

  it("when the bot refuses the date, then the store keeps the bot's sentence", async () => {
    answer = { status: 400, body: { error: 'invalid request' } };
    const store = useReportStore();
    await store.load('nope');
    expect(store.status).toBe('error');
    expect(store.error).toBe('invalid request');
  });
});
