import { randomUUID } from 'node:crypto';
import { loadWebhookFixture } from '../src/fixtures.ts';
import { railsJson, signBody } from '../src/simulator/index.ts';

const MARK = 987_654_321;

/**
 * Builds distinct, correctly signed `message_created` deliveries: a fresh message id and
 * delivery id each (nothing is deduplicated) and a signature over the current timestamp.
 * The conversation is `open`, so the bot's worker ignores the jobs (humans own it): what is
 * measured is intake — verify, validate, store — not the Chatwoot calls behind it.
 */
export function signedWebhooks(secret: string, firstMessageId = 50_000_000) {
  const payload = loadWebhookFixture('message_created.incoming');
  payload.id = MARK;
  payload.conversation.status = 'open';
  const [head, tail] = railsJson(payload).split(`"id":${MARK}`) as [string, string];
  if (tail === undefined) throw new Error('bench: message id marker not found in the fixture');
  let next = firstMessageId;
  return (): { headers: Record<string, string>; body: string } => {
    const body = `${head}"id":${next++}${tail}`;
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
