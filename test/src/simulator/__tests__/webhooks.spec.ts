import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { agentBotEventSchema } from '@sbf-chatwoot/shared';
import { loadWebhookFixture } from '../../fixtures.ts';
import { railsJson, signBody, type Simulator } from '../index.ts';
import { shape, start, startReceiver } from './helpers.ts';

const SECRET = 'whsec-test';
describe('simulator webhook deliveries', () => {
  let sim: Simulator | undefined;
  let bot: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await sim?.close();
    await bot?.close();
  });

  it('when the documented signature vector is recomputed, then it matches, and Rails JSON round-trips its body', () => {
    const example = loadWebhookFixture('_signature_example');
    const { 'X-Chatwoot-Timestamp': ts, 'X-Chatwoot-Signature': signature } = example.headers;
    expect(signBody(example.secret, ts, example.raw_body)).toBe(signature);
    expect(railsJson(JSON.parse(example.raw_body))).toBe(example.raw_body);
  });

  it('when a secret is set, then a delivery is signed over timestamp.rawBody and verifies', async () => {
    bot = await startReceiver();
    sim = await start({ botWebhookUrl: bot.url, webhookSecret: SECRET });
    await sim.customerSays(1, 27, 'Hi, I need a <b>reset</b> & help');
    const [got] = bot.received;
    const ts = got!.headers['x-chatwoot-timestamp'] as string;
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${got!.raw}`).digest('hex')}`;
    expect(got!.headers['x-chatwoot-signature']).toBe(expected);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    expect(got!.headers['x-chatwoot-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers.accept).toBe('application/json');
    expect(got!.raw).toContain('\\u003cb\\u003ereset\\u003c/b\\u003e \\u0026 help');
  });

  it('when the customer writes, then the payload is the incoming fixture with only the live values changed', async () => {
    bot = await startReceiver();
    sim = await start({ botWebhookUrl: bot.url });
    sim.openConversation({ accountId: 2, displayId: 3, labels: ['new'], customAttributes: { plan: 'gold' } });
    const { message, delivery } = await sim.customerSays(2, 3, 'Where is my order?');
    const payload = bot.received[0]!.json;
    const fixture = loadWebhookFixture('message_created.incoming');
    expect(shape(payload)).toEqual(shape(fixture));
    expect(message.id).toBeGreaterThanOrEqual(10_000);
    expect(payload).toMatchObject({
      event: 'message_created',
      id: message.id,
      content: 'Where is my order?',
      message_type: 'incoming',
      account: { id: 2, name: 'Globex' },
      sender: { account: { id: 2, name: 'Globex' } },
      conversation: { id: 3, status: 'pending', labels: ['new'], custom_attributes: { plan: 'gold' }, account: { id: 2 } },
    });
    expect(payload.conversation.messages[0]).toMatchObject({ id: message.id, content: 'Where is my order?', conversation_id: 3 });
    expect(agentBotEventSchema.parse(payload).event).toBe('message_created');
    expect(delivery).toMatchObject({ status: 200, attempts: 1, event: 'message_created', accountId: 2, conversationId: 3 });
  });

  it('when the customer sends an attachment, then the attachment fixture is used and points at the new message', async () => {
    bot = await startReceiver();
    sim = await start({ botWebhookUrl: bot.url });
    const { message } = await sim.customerSays(1, 27, 'screenshot', { attachments: true });
    const payload = bot.received[0]!.json;
    expect(shape(payload)).toEqual(shape(loadWebhookFixture('message_created.incoming_with_attachment')));
    expect(payload.attachments[0]).toMatchObject({ message_id: message.id, account_id: 1, file_type: 'image' });
  });

  it('when the bot answers 500 twice, then Chatwoot retries with the same delivery id and succeeds', async () => {
    bot = await startReceiver({ status: (n) => (n <= 2 ? 500 : 200) });
    sim = await start({ botWebhookUrl: bot.url });
    const { delivery } = await sim.customerSays(1, 27, 'hello');
    expect(delivery).toMatchObject({ status: 200, attempts: 3 });
    expect(new Set(bot.received.map((r) => r.headers['x-chatwoot-delivery'])).size).toBe(1);
    expect(sim.conversation(1, 27).status).toBe('pending');
  });

  it('when every attempt fails with 500, then the pending conversation fails open to humans', async () => {
    bot = await startReceiver({ status: () => 500 });
    sim = await start({ botWebhookUrl: bot.url });
    const { delivery } = await sim.customerSays(1, 27, 'hello');
    expect(delivery).toMatchObject({ status: 500, attempts: 3, failOpen: true });
    const state = sim.conversation(1, 27);
    expect(state.status).toBe('open');
    expect(state.status_history).toMatchObject([{ from: 'pending', to: 'open', via: 'fail_open' }]);
    expect(state.messages.at(-1)).toMatchObject({ message_type: 'activity' });
  });

  it('when the bot answers 503, then there is no retry and the conversation opens at once', async () => {
    bot = await startReceiver({ status: () => 503 });
    sim = await start({ botWebhookUrl: bot.url });
    const { delivery } = await sim.customerSays(1, 27, 'hello');
    expect(delivery).toMatchObject({ status: 503, attempts: 1, failOpen: true });
  });

  it('when the bot is slower than the webhook timeout, then the delivery times out and fails open', async () => {
    bot = await startReceiver({ delayMs: 300 });
    sim = await start({ botWebhookUrl: bot.url, webhookTimeoutMs: 100 });
    const { delivery } = await sim.customerSays(1, 27, 'hello');
    expect(delivery).toMatchObject({ status: 0, error: 'timeout', attempts: 1, failOpen: true });
  });

  it('when a delivery fails on an open conversation, then nothing changes', async () => {
    bot = await startReceiver({ status: () => 400 });
    sim = await start({ botWebhookUrl: bot.url });
    sim.openConversation({ accountId: 1, displayId: 27, status: 'open' });
    const { delivery } = await sim.customerSays(1, 27, 'hello');
    expect(delivery?.failOpen).toBeUndefined();
    expect(sim.conversation(1, 27).status_history).toEqual([]);
  });

  it('when a resolved conversation gets a new message, then it goes back to pending for the bot', async () => {
    bot = await startReceiver();
    sim = await start({ botWebhookUrl: bot.url });
    sim.openConversation({ accountId: 1, displayId: 27, status: 'resolved' });
    await sim.customerSays(1, 27, 'me again');
    await sim.idle();
    expect(sim.conversation(1, 27).status).toBe('pending');
    expect(bot.events('message_created')[0]!.json.conversation.status).toBe('pending');
    expect(bot.events('conversation_status_changed')).toHaveLength(1);
  });

  it('when an agent replies and resolves, then the bot gets the human-agent fixture and conversation_resolved', async () => {
    bot = await startReceiver();
    sim = await start({ botWebhookUrl: bot.url });
    sim.openConversation({ accountId: 1, displayId: 27, status: 'open' });
    await sim.agentReplies(1, 27, 7, 'Sam here');
    await sim.agentReplies(1, 27, 7, 'internal', { private: true });
    await sim.agentResolves(1, 27);
    const [reply, note] = bot.events('message_created');
    expect(reply!.json).toMatchObject({ sender: { id: 7, type: 'user' }, private: false, message_type: 'outgoing' });
    expect(note!.json).toMatchObject({ private: true, sender: { id: 7, type: 'user' } });
    expect(note!.json.conversation.messages[0].content).toBe('Sam here');
    expect(bot.events('conversation_resolved')[0]!.json.status).toBe('resolved');
  });

  it('when deliver() is used for a replay, then headers follow the options exactly', async () => {
    bot = await startReceiver();
    sim = await start({ botWebhookUrl: bot.url, webhookSecret: SECRET });
    const raw = '{"event":"message_created","id":1}';
    const res = await sim.deliver({}, { rawBody: raw, deliveryId: 'd-1', timestamp: 1_700_000_000, badSignature: true });
    expect(res.status).toBe(200);
    const got = bot.received[0]!;
    expect(got.raw).toBe(raw);
    expect(got.headers).toMatchObject({ 'x-chatwoot-delivery': 'd-1', 'x-chatwoot-timestamp': '1700000000' });
    expect(got.headers['x-chatwoot-signature']).not.toBe(signBody(SECRET, 1_700_000_000, raw));
    await sim.deliver(loadWebhookFixture('conversation_opened'), { sign: false });
    expect(bot.received[1]!.headers['x-chatwoot-signature']).toBeUndefined();
    expect(sim.deliveries.map((d) => d.event)).toEqual(['unknown', 'conversation_opened']);
  });
});
