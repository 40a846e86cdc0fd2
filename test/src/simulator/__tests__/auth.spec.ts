import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../index.ts';
import { api, conv, start } from './helpers.ts';

describe('simulator token rules', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start();
    sim.openConversation({ accountId: 1, displayId: 27 });
    sim.openConversation({ accountId: 2, displayId: 27 });
  });
  afterAll(() => sim.close());

  it('when the token is unknown, then the call gets 401 Invalid Access Token', async () => {
    const res = await api(sim, 'GET', conv(27), 'nope');
    expect(res).toMatchObject({ status: 401, json: { error: 'Invalid Access Token' } });
    expect(sim.calls.at(-1)).toMatchObject({ auth: 'invalid', status: 401, accountId: 1 });
  });

  it('when no token is sent, then devise answers 401 with its sign-in message', async () => {
    const res = await api(sim, 'GET', conv(27));
    expect(res.status).toBe(401);
    expect(res.json.errors).toEqual(['You need to sign in or sign up before continuing.']);
    expect(sim.calls.at(-1)?.auth).toBe('none');
  });

  it("when the bot uses another account's id, then it is not authorized for that account", async () => {
    const res = await api(sim, 'GET', conv(27, 2), 'bot-token-1');
    expect(res).toMatchObject({ status: 401, json: { error: 'Bot is not authorized to access this account' } });
  });

  it.each([
    ['GET', '/api/v1/accounts/1/canned_responses'],
    ['GET', '/api/v1/accounts/1/agents'],
    ['GET', '/api/v1/accounts/1/conversations'],
    ['GET', `${conv(27)}/messages`],
    ['GET', '/api/v1/profile'],
    ['GET', '/api/v1/accounts/1/conversations/meta'],
    ['POST', '/api/v1/accounts/1/portals/help-center/articles'],
  ])('when the bot calls %s %s, then it gets the bots-not-allowed 401', async (method, path) => {
    const res = await api(sim, method, path, 'bot-token-1', method === 'POST' ? { title: 'x' } : undefined);
    expect(res).toMatchObject({ status: 401, json: { error: 'Access to this endpoint is not authorized for bots' } });
  });

  it('when the bot calls an allow-listed endpoint, then it is served', async () => {
    for (const [method, path, body] of [
      ['GET', conv(27)],
      ['GET', `${conv(27)}/labels`],
      ['POST', `${conv(27)}/labels`, { labels: ['a'] }],
      ['POST', `${conv(27)}/toggle_typing_status`, { typing_status: 'on' }],
      ['POST', `${conv(27)}/toggle_priority`, { priority: 'high' }],
      ['PATCH', conv(27), { priority: 'low' }],
    ] as const) {
      const res = await api(sim, method, path, 'bot-token-1', body);
      expect(res.status, `${method} ${path}`).toBe(200);
    }
    expect(sim.conversation(1, 27)).toMatchObject({ labels: ['a'], typing_status: 'on', priority: 'low' });
  });

  it('when a user token reads its profile, then it gets the agent of its account', async () => {
    const res = await api(sim, 'GET', '/api/v1/profile', 'user-token-1');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: 7, role: 'agent', account_id: 1, accounts: [{ id: 1, role: 'agent' }] });
    expect(sim.calls.at(-1)).toMatchObject({ auth: 'user', accountId: null });
  });

  it('when an agent token creates an article, then Pundit refuses it and an admin token succeeds', async () => {
    const body = { article: { title: 'Reset', content: 'Steps', author_id: 1, status: 'published' } };
    const agent = await api(sim, 'POST', '/api/v1/accounts/1/portals/help-center/articles', 'user-token-1', body);
    expect(agent).toMatchObject({ status: 401, json: { error: 'You are not authorized to do this action' } });
    const admin = await api(sim, 'POST', '/api/v1/accounts/1/portals/help-center/articles', 'admin-token-1', body);
    expect(admin.status).toBe(200);
    expect(sim.calls.at(-1)?.auth).toBe('admin');
  });

  it('when a user token targets an account it is not a member of, then it gets 401', async () => {
    const res = await api(sim, 'GET', '/api/v1/accounts/2/agents', 'user-token-1');
    expect(res).toMatchObject({ status: 401, json: { error: 'You are not authorized to access this account' } });
  });

  it('when the conversation does not exist, then the bot gets 404 Resource could not be found', async () => {
    const res = await api(sim, 'GET', conv(999), 'bot-token-1');
    expect(res).toMatchObject({ status: 404, json: { error: 'Resource could not be found' } });
  });
});
