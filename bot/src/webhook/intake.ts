import { agentBotEventNames, agentBotEventSchema, type AgentBotEvent } from '@sbf-chatwoot/shared';
import { createHash } from 'node:crypto';
import { HttpError } from '../http/errors.ts';
import type { EnqueueInput, EnqueueResult } from '../store/queue.ts';

const known = new Set<string>(agentBotEventNames);

/** Jobs of one conversation run in order: key on (inbox, display id), both known in every event. */
export function conversationKey(ev: AgentBotEvent): string {
  switch (ev.event) {
    case 'message_created':
    case 'message_updated':
      return `${ev.conversation.inbox_id}:${ev.conversation.id}`;
    case 'webwidget_triggered':
      return ev.current_conversation ? `${ev.current_conversation.inbox_id}:${ev.current_conversation.id}` : `ci:${ev.id}`;
    default:
      return `${ev.inbox_id}:${ev.id}`;
  }
}

export type IntakeResult = { status: 'queued' | 'duplicate'; job: number } | { status: 'ignored'; reason: string };

/**
 * Validates a verified body and stores it durably; resolves once it is committed and before any
 * processing, so Chatwoot gets its 200 in milliseconds. Retries (same delivery id or same body)
 * and re-sent messages (same message id) are recognised as duplicates.
 */
export async function intake(
  enqueue: (input: EnqueueInput) => Promise<EnqueueResult>,
  rawBody: Buffer,
  deliveryId: string | undefined,
): Promise<IntakeResult> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  const event = (body as { event?: unknown } | null)?.event;
  if (typeof event !== 'string') throw new HttpError(400, 'body has no "event" string');
  if (!known.has(event)) return { status: 'ignored', reason: `event "${event}" is not one the bot handles` };

  const parsed = agentBotEventSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new HttpError(400, `invalid ${event} payload`, issues);
  }
  const ev = parsed.data;
  const dedupeKeys = [`body:${createHash('sha256').update(rawBody).digest('hex')}`];
  if (deliveryId) dedupeKeys.push(`delivery:${deliveryId}`);
  if (ev.event === 'message_created') dedupeKeys.push(`message:${ev.id}`);

  const { jobId, duplicate } = await enqueue({
    convKey: conversationKey(ev),
    event,
    // The validated event (defaults applied): the worker trusts it and does not parse it again.
    payload: JSON.stringify(ev),
    deliveryId,
    dedupeKeys,
  });
  return { status: duplicate ? 'duplicate' : 'queued', job: jobId };
}
