import { appContextSchema } from '@sbf-chatwoot/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureApi } from '../../api/http.ts';
import { appContextString } from '../../__tests__/fixtures.ts';
import { PANEL, PAST_FROM_FILE as FROM_FILE, PAST_LEARNED as LEARNED, startFakeBot, type FakeBot } from '../../__tests__/fake-bot.ts';
import { useConversationStore } from '../conversation.ts';
import { usePastQuestionsStore } from '../pastQuestions.ts';
import { useSessionStore } from '../session.ts';

const rejected = { status: 401, body: { error: 'Chatwoot did not accept your access token: sign in again', details: { code: 'user_token_rejected' } } };

describe('past questions store', () => {
  let bot: FakeBot;
  let items: unknown[];
  beforeAll(async () => {
    bot = await startFakeBot({
      'GET /api/dashboard/session': () => ({ body: { accountId: 1, chatwootOrigin: 'https://chat.example.com' } }),
      'GET /api/dashboard/accounts/1/conversations/27': () => ({ body: PANEL }),
      'POST /api/dashboard/accounts/1/conversations/27/past-questions': (c) => ({ body: { question: c.body.texts.at(-1) ?? null, items } }),
      'POST /api/dashboard/accounts/1/past-questions/12/forget': (c) => {
        if (c.headers['x-chatwoot-user-token'] !== 'tok-sam') return rejected;
        items = [FROM_FILE];
        return { body: { forgotten: 12 } };
      },
    });
  });
  afterAll(() => bot.close());
  beforeEach(async () => {
    setActivePinia(createPinia());
    configureApi({ baseURL: bot.baseURL, userToken: null });
    bot.calls.length = 0;
    items = [LEARNED, FROM_FILE];
    await useSessionStore().start('app-token-1');
    await useConversationStore().setContext(appContextSchema.parse(JSON.parse(appContextString())));
  });

  it("when loaded, then the customer's messages the app sees are sent and the past questions kept", async () => {
    const store = usePastQuestionsStore();
    await store.load();
    const call = bot.calls.find((c) => c.path.endsWith('/past-questions'))!;
    expect(call.body.texts).toEqual(useConversationStore().customerTexts);
    expect(store.status).toBe('ready');
    expect(store.items).toEqual([LEARNED, FROM_FILE]);
  });

  it('when a signed-in VA forgets a learned one, then the bot is told who acts and the list is read again without it', async () => {
    await useSessionStore().signIn('tok-sam', 7).catch(() => {});
    configureApi({ userToken: 'tok-sam' });
    const store = usePastQuestionsStore();
    await store.load();
    await store.forget(12);
    expect(bot.calls.find((c) => c.path.endsWith('/forget'))).toMatchObject({ method: 'POST', body: { agentId: 7 } });
    expect(store.forgetError).toBeNull();
    expect(store.items).toEqual([FROM_FILE]);
    expect(store.forgetting).toBeNull();
  });

  it("when Chatwoot no longer accepts the VA's token, then the error is kept, the VA is signed out and the list stays", async () => {
    configureApi({ userToken: 'tok-old' });
    const store = usePastQuestionsStore();
    await store.load();
    await store.forget(12);
    expect(store.forgetError).toMatch(/sign in again/);
    expect(useSessionStore().signInError).toMatch(/sign in again/);
    expect(store.items).toEqual([LEARNED, FROM_FILE]);
  });
});
