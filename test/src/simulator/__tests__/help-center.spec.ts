import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHelpCenterFixture } from '../../fixtures.ts';
import { loadSwaggerValidator, type Simulator } from '../index.ts';
import { ACCOUNT_1, api, start } from './helpers.ts';

const ARTICLES = '/api/v1/accounts/1/portals/help-center/articles';

describe('simulator help center and canned responses', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.close());

  it('when an admin creates an article from the fixture request, then the response has the fixture shape', async () => {
    const request = loadHelpCenterFixture('article.create_request');
    const res = await api(sim, 'POST', ARTICLES, 'admin-token-1', request);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.payload)).toEqual(Object.keys(loadHelpCenterFixture('article').payload));
    expect(res.json.payload).toMatchObject({ title: request.article.title, status: 'published', author: { id: 1 }, category: { id: 12 } });
    expect(sim.calls.at(-1)?.validationErrors).toEqual([]);
  });

  it('when a draft is published with PATCH and listed by locale, then the index shows it with counts', async () => {
    const created = await api(sim, 'POST', ARTICLES, 'admin-token-1', { article: { title: 'Refunds', author_id: 1, locale: 'de' } });
    expect(created.json.payload.status).toBe('draft');
    const id = created.json.payload.id as number;
    const patched = await api(sim, 'PATCH', `${ARTICLES}/${id}`, 'admin-token-1', { article: { status: 'published', content: 'x' } });
    expect(patched.json.payload.status).toBe('published');
    const list = await api(sim, 'GET', `${ARTICLES}?locale=de`, 'user-token-1');
    expect(list.json.payload.map((a: { id: number }) => a.id)).toEqual([id]);
    expect(list.json.meta).toMatchObject({ all_articles_count: 1, published_count: 1, current_page: 1 });
    expect((await api(sim, 'DELETE', `${ARTICLES}/${id}`, 'admin-token-1')).status).toBe(200);
    expect((await api(sim, 'GET', `${ARTICLES}/${id}`, 'admin-token-1')).status).toBe(404);
  });

  it('when a published article has no content or a taken slug, then it is a 422', async () => {
    const noContent = await api(sim, 'POST', ARTICLES, 'admin-token-1', { article: { title: 'T', author_id: 1, status: 'published' } });
    expect(noContent).toMatchObject({ status: 422, json: { error: "Content can't be blank" } });
    await api(sim, 'POST', ARTICLES, 'admin-token-1', { article: { title: 'A', author_id: 1, slug: 'same' } });
    const dup = await api(sim, 'POST', ARTICLES, 'admin-token-1', { article: { title: 'B', author_id: 1, slug: 'same' } });
    expect(dup).toMatchObject({ status: 422, json: { error: 'Slug has already been taken' } });
  });

  it('when the portal slug is unknown, then the call is a 404', async () => {
    expect((await api(sim, 'GET', '/api/v1/accounts/1/portals/nope/articles', 'user-token-1')).status).toBe(404);
  });

  it('when an account seeds its own canned responses, then they follow the fixture\'s, numbered after them, and match swagger', async () => {
    const seeded = await start({
      accounts: [{ ...ACCOUNT_1, cannedResponses: [{ short_code: 'shipping', content: 'Hi {{contact.first_name}}, we ship in 2 days.' }] }],
    });
    try {
      const res = await api(seeded, 'GET', '/api/v1/accounts/1/canned_responses', 'user-token-1');
      const fixture = loadHelpCenterFixture<Array<{ id: number; short_code: string }>>('canned_responses');
      expect(res.json.map((c: { id: number; short_code: string }) => [c.id, c.short_code])).toEqual([
        ...fixture.map((c) => [c.id, c.short_code]),
        [Math.max(...fixture.map((c) => c.id)) + 1, 'shipping'],
      ]);
      expect(res.json.at(-1)).toMatchObject({ account_id: 1, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
      const validator = await loadSwaggerValidator();
      expect(validator.validateResponse('get-account-canned-response', 200, res.json)).toEqual([]);
    } finally {
      await seeded.close();
    }
  });

  it('when a test sets an agent\'s availability, then GET /agents reports it within swagger\'s enum', async () => {
    sim.setAgentAvailability(1, 7, 'busy');
    const res = await api(sim, 'GET', '/api/v1/accounts/1/agents', 'user-token-1');
    expect(res.json.find((a: { id: number }) => a.id === 7)).toMatchObject({ availability_status: 'busy' });
    expect(res.json.find((a: { id: number }) => a.id === 1)).toMatchObject({ availability_status: 'online' });
    const validator = await loadSwaggerValidator();
    expect(validator.validateResponse('get-account-agents', 200, res.json)).toEqual([]);
    sim.setAgentAvailability(1, 7, 'online');
    expect(() => sim.setAgentAvailability(1, 99, 'offline')).toThrow(/no agent 99/);
  });

  it('when canned responses are searched, then short_code prefix matches rank first and account_id follows the account', async () => {
    const all = await api(sim, 'GET', '/api/v1/accounts/1/canned_responses', 'user-token-1');
    expect(all.json).toHaveLength(2);
    const found = await api(sim, 'GET', '/api/v1/accounts/1/canned_responses?search=2fa', 'user-token-1');
    expect(found.json.map((c: { short_code: string }) => c.short_code)).toEqual(['reset-2fa']);
    expect(found.json[0].account_id).toBe(1);
  });
});
