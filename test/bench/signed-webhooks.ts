import { randomUUID } from 'node:crypto';
import { loadWebhookFixture } from '../src/fixtures.ts';
import { railsJson, signBody } from '../src/simulator/index.ts';

const MESSAGE_MARK = 987_654_321;
const CONVERSATION_MARK = 987_654_322;

/** Conversations the deliveries go round: an agency's inboxes at 1,000 webhooks/s hold many at once. */
export const BENCH_CONVERSATIONS = 100;

/**
 * Builds distinct, correctly signed `message_created` deliveries: a fresh message id and
 * delivery id each (nothing is deduplicated), the conversations taken in turn, and a signature
 * over the current timestamp. The conversations are `open`, so the bot's worker ignores the jobs
 * (humans own them): what is measured is intake — verify, validate, store — not the Chatwoot
 * calls behind it.
 */
export function signedWebhooks(secret: string, firstMessageId = 50_000_000, conversations = BENCH_CONVERSATIONS) {
  const payload = loadWebhookFixture('message_created.incoming');
  payload.id = MESSAGE_MARK;
  payload.conversation.status = 'open';
  payload.conversation.id = CONVERSATION_MARK;
  for (const m of payload.conversation.messages) m.conversation_id = CONVERSATION_MARK;
  const template = railsJson(payload);
  if (!template.includes(`"id":${MESSAGE_MARK}`)) throw new Error('bench: message id marker not found in the fixture');
  let next = firstMessageId;
  return (): { headers: Record<string, string>; body: string } => {
    const conversation = 10_000 + (next % conversations);
    const body = template
      .replace(`"id":${MESSAGE_MARK}`, `"id":${next++}`)
      .replaceAll(String(CONVERSATION_MARK), String(conversation));
    const ts = String(Math.floor(Date.now() / 1000));
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-chatwoot-delivery': randomUUID(),
        'x-chatwoot-timestamp': ts,
        'x-chatwoot-signature': signBody(secret, ts, body),
      },
    };
  };
}

