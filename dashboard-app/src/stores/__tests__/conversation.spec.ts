import { appContextSchema } from '@sbf-chatwoot/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureApi } from '../../api/http.ts';
import { appContextString, appContextWith } from '../../__tests__/fixtures.ts';
import { PANEL, SOP, startFakeBot, type FakeBot } from '../../__tests__/fake-bot.ts';
import { useConversationStore } from '../conversation.ts';
import { useSessionStore } from '../session.ts';
import { useSopsStore } from '../sops.ts';

const ctx = (text = appContextString()) => appContextSchema.parse(JSON.parse(text));
const forbidden = { status: 403, body: { error: 'this app token is for account 1, not account 2' } };

describe('conversation store', () => {
  let bot: FakeBot;
  beforeAll(async () => {
    bot = await startFakeBot({
      'GET /api/dashboard/session': () => ({ body: { accountId: 1, chatwootOrigin: 'https://chat.example.com' } }),
      'GET /api/dashboard/accounts/1/conversations/27': () => ({ body: PANEL }),
      'GET /api/dashboard/accounts/2/conversations/27': () => forbidden,
      'GET /api/dashboard/accounts/1/identity': (c) =>
        c.headers['x-chatwoot-user-token'] === 'tok-sam' ? { body: { agentId: 7, name: 'Sam Rivera' } } : { status: 401, body: { error: 'Chatwoot did not accept your access token: sign in again', details: { code: 'user_token_rejected' } } },
      'POST /api/dashboard/accounts/1/conversations/27/task/notes': (c) =>
        c.headers['x-chatwoot-user-token'] === 'tok-sam'
          ? { body: { ...PANEL, task: { ...PANEL.task, status: 'in_progress' } } }
          : { status: 401, body: { error: 'Chatwoot did not accept your access token: sign in again', details: { code: 'user_token_rejected' } } },
      'POST /api/dashboard/accounts/1/conversations/27/suggestions': () => ({ body: { sops: [SOP] } }),
    });
  });
  afterAll(() => bot.close());
  beforeEach(async () => {
    setActivePinia(createPinia());
    configureApi({ baseURL: bot.baseURL, userToken: null });
    bot.calls.length = 0;
    await useSessionStore().start('app-token-1');
  });

  it('when the session starts, then the app token is sent as a Bearer header and the origin is known', () => {
    const session = useSessionStore();
    expect(session.chatwootOrigin).toBe('https://chat.example.com');
    expect(bot.calls[0]!.headers.authorization).toBe('Bearer app-token-1');
  });

  it('when there is no app token, then the session explains how to open the app', async () => {
    setActivePinia(createPinia());
    const session = useSessionStore();
    await session.start(null);
    expect(session.status).toBe('error');
    expect(session.error).toMatch(/app-token/);
  });

  it("when Chatwoot's context arrives, then the panel for its account and conversation is loaded", async () => {
    const store = useConversationStore();
    await store.setContext(ctx());
    expect(store.status).toBe('ready');
    expect(store.panel?.task?.uid).toBe('va-task-acme-001');
    expect(bot.calls.at(-1)!.path).toBe('/api/dashboard/accounts/1/conversations/27');
  });

  it('when the same context is posted again, then the panel is not reloaded', async () => {
    const store = useConversationStore();
    await store.setContext(ctx());
    const n = bot.calls.length;
    await store.setContext(ctx());
    expect(bot.calls.length).toBe(n);
  });

  it('when the context claims another account, then the 403 reason is the error shown', async () => {
    const store = useConversationStore();
    await store.setContext(ctx(appContextWith((c) => (c.data.conversation.account_id = 2))));
    expect(store.status).toBe('error');
    expect(store.error).toBe('this app token is for account 1, not account 2');
    expect(store.panel).toBeNull();
  });

  it('when Sam signs in and adds a note, then both tokens travel and the panel updates', async () => {
    const store = useConversationStore();
    const session = useSessionStore();
    await store.setContext(ctx());
    await session.signIn('tok-sam', 7);
    expect(session.identity).toEqual({ agentId: 7, name: 'Sam Rivera' });
    expect(await store.addNote('Verified.')).toBe(true);
    const call = bot.calls.at(-1)!;
    expect(call.body).toEqual({ agentId: 7, text: 'Verified.' });
    expect(call.headers).toMatchObject({ authorization: 'Bearer app-token-1', 'x-chatwoot-user-token': 'tok-sam' });
    expect(store.panel?.task?.status).toBe('in_progress');
    expect(store.lastAction).toMatch(/Note added/);
  });

  it('when a wrong access token is entered, then sign-in fails with the reason and no token is kept', async () => {
    const session = useSessionStore();
    await session.signIn('tok-wrong', 7);
    expect(session.identity).toBeNull();
    expect(session.userToken).toBeNull();
    expect(session.signInError).toMatch(/did not accept/);
  });

  it('when Chatwoot stops accepting the token mid-session, then the VA is signed out and told why', async () => {
    const store = useConversationStore();
    const session = useSessionStore();
    await store.setContext(ctx());
    session.identity = { agentId: 7, name: 'Sam Rivera' };
    session.userToken = 'tok-revoked';
    configureApi({ userToken: 'tok-revoked' });
    expect(await store.addNote('x')).toBe(false);
    expect(session.identity).toBeNull();
    expect(session.signInError).toMatch(/sign in again/);
    expect(store.actionError).toMatch(/sign in again/);
  });

  it("when suggestions run, then the customer's messages from the context are sent, not the agent's", async () => {
    const store = useConversationStore();
    await store.setContext(ctx());
    const sops = useSopsStore();
    await sops.suggest();
    expect(bot.calls.at(-1)!.body).toEqual({ texts: ["Hi, I can't log in. Can you reset my password?"] });
    expect(sops.suggestions[0]?.uid).toBe(SOP.uid);
  });

  it('when the bot answers with a shape the app does not know, then the error says so', async () => {
    bot.handlers['GET /api/dashboard/accounts/1/conversations/27'] = () => ({ body: { nope: true } });
    const store = useConversationStore();
    await store.setContext(ctx());
    expect(store.error).toMatch(/unexpected answer/);
    bot.handlers['GET /api/dashboard/accounts/1/conversations/27'] = () => ({ body: PANEL });
  });
});
