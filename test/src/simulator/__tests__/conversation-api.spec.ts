import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentBotEventSchema } from '@sbf-chatwoot/shared';
import type { Simulator } from '../index.ts';
import { loadWebhookFixture } from '../../fixtures.ts';
import { api, conv, shape, start, startReceiver } from './helpers.ts';

describe('simulator conversation API', () => {
  let sim: Simulator;
  let bot: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    bot = await startReceiver();
    sim = await start({ botWebhookUrl: bot.url });
    sim.openConversation({ accountId: 1, displayId: 27, customAttributes: { keep: 'me' }, labels: ['vip'] });
  });
  afterEach(async () => {
    await sim.close();
    await bot.close();
  });

  it('when custom_attributes are posted, then they replace the whole object', async () => {
    const res = await api(sim, 'POST', `${conv(27)}/custom_attributes`, 'bot-token-1', { custom_attributes: { sbf_task_uid: 't-1' } });
    expect(res.json).toEqual({ custom_attributes: { sbf_task_uid: 't-1' } });
    expect(sim.conversation(1, 27).custom_attributes).toEqual({ sbf_task_uid: 't-1' });
    const updated = await sim.waitFor(() => bot.events('conversation_updated')[0]);
    expect(updated.json.changed_attributes[0]).toEqual({
      custom_attributes: { previous_value: { keep: 'me' }, current_value: { sbf_task_uid: 't-1' } },
    });
  });

  it('when labels are posted, then they replace the list and GET returns it', async () => {
    await api(sim, 'POST', `${conv(27)}/labels`, 'bot-token-1', { labels: ['billing'] });
    const res = await api(sim, 'GET', `${conv(27)}/labels`, 'bot-token-1');
    expect(res.json).toEqual({ payload: ['billing'] });
  });

  it('when the bot opens its pending conversation, then it is a bot handoff with the follow-up webhooks', async () => {
    const res = await api(sim, 'POST', `${conv(27)}/toggle_status`, 'bot-token-1', { status: 'open' });
    expect(res.json).toEqual({ meta: {}, payload: { success: null, conversation_id: 27, current_status: 'open', snoozed_until: null } });
    const state = sim.conversation(1, 27);
    expect(state.status).toBe('open');
    expect(state.waiting_since).toBeGreaterThan(0);
    expect(state.status_history).toMatchObject([{ from: 'pending', to: 'open', via: 'bot_handoff' }]);
    await sim.idle();
    const events = bot.received.map((r) => r.json.event).sort();
    expect(events).toEqual(['conversation_opened', 'conversation_status_changed', 'conversation_updated', 'conversation_updated']);
    for (const r of bot.received) expect(agentBotEventSchema.safeParse(r.json).success).toBe(true);
    const opened = bot.events('conversation_opened')[0]!.json;
    expect(opened).toMatchObject({ id: 27, status: 'open', account: { id: 1 } });
    // Same keys in the same order as the fixture; nothing dropped.
    expect(Object.keys(opened)).toEqual(Object.keys(loadWebhookFixture('conversation_opened')));
    const updated = bot.events('conversation_updated').map((r) => r.json.changed_attributes.map((c: object) => Object.keys(c)[0]));
    expect(updated).toContainEqual(['status', 'updated_at']);
    expect(updated).toContainEqual(['waiting_since', 'updated_at']);
  });

  it('when the bot posts a message, then the response is the message view and the bot gets its own echo', async () => {
    const res = await api(sim, 'POST', `${conv(27)}/messages`, 'bot-token-1', { content: 'Hi <there> & co', message_type: 'outgoing', private: false });
    expect(res.json).toMatchObject({ content: 'Hi <there> & co', message_type: 1, conversation_id: 27, sender: { id: 5, type: 'agent_bot' } });
    const echo = await sim.waitFor(() => bot.events('message_created')[0]);
    expect(echo.raw).toContain('Hi \\u003cthere\\u003e \\u0026 co');
    expect(echo.json).toMatchObject({ id: res.json.id, message_type: 'outgoing', private: false, sender: { type: 'agent_bot' } });
    expect(echo.json.conversation.messages[0]).toMatchObject({ id: res.json.id, message_type: 1, sender_type: 'AgentBot' });
    expect(shape(echo.json)).toEqual(shape(loadWebhookFixture('message_created.outgoing')));
    expect(sim.conversation(1, 27).messages.at(-1)).toMatchObject({ sender_type: 'agent_bot', message_type: 'outgoing' });
  });

  it('when the bot posts a private note, then the echo is private and sent by the bot', async () => {
    await api(sim, 'POST', `${conv(27)}/messages`, 'bot-token-1', { content: 'reason: refund', private: true });
    const echo = await sim.waitFor(() => bot.events('message_created')[0]);
    expect(echo.json).toMatchObject({ private: true, sender: { id: 5, type: 'agent_bot' } });
    expect(echo.json.conversation.messages).toEqual([]);
  });

  it('when the bot assigns an agent and a team, then the state follows and the status stays pending', async () => {
    const agent = await api(sim, 'POST', `${conv(27)}/assignments`, 'bot-token-1', { assignee_id: 7 });
    expect(agent.json).toMatchObject({ id: 7, name: 'Sam Rivera', role: 'agent' });
    const team = await api(sim, 'POST', `${conv(27)}/assignments`, 'bot-token-1', { team_id: 2 });
    expect(team.json).toMatchObject({ id: 2, name: 'tier 2' });
    expect(sim.conversation(1, 27)).toMatchObject({ assignee_id: 7, assignee_type: 'User', team_id: 2, status: 'pending' });
    const show = await api(sim, 'GET', conv(27), 'bot-token-1');
    expect(show.json.meta).toMatchObject({ assignee: { id: 7 }, assignee_type: 'User', team: { id: 2 } });
  });

  it('when an unknown team is assigned, then the team is cleared and the body is null', async () => {
    const res = await api(sim, 'POST', `${conv(27)}/assignments`, 'bot-token-1', { team_id: 99 });
    expect(res).toMatchObject({ status: 200, json: null });
    expect(sim.conversation(1, 27).team_id).toBeNull();
  });

  it('when an input_select has an unknown item key, then the message is rejected with 422', async () => {
    const res = await api(sim, 'POST', `${conv(27)}/messages`, 'bot-token-1', {
      content: 'Pick one',
      content_type: 'input_select',
      content_attributes: { items: [{ title: 'A', value: 'a', emoji: 'x' }] },
    });
    expect(res.status).toBe(422);
  });

  it('when echo is off, then bot actions produce no webhooks', async () => {
    const quiet = await start({ botWebhookUrl: bot.url, echo: false });
    quiet.openConversation({ accountId: 1, displayId: 5 });
    await api(quiet, 'POST', `${conv(5)}/messages`, 'bot-token-1', { content: 'hi' });
    await api(quiet, 'POST', `${conv(5)}/toggle_status`, 'bot-token-1', { status: 'open' });
    await quiet.idle();
    expect(quiet.deliveries).toEqual([]);
    await quiet.close();
  });
});
