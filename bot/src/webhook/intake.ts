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

/**
 * What makes a delivery the same as one already stored. A new message has its id, which also
 * covers Chatwoot's retries (same message) and re-sends under a new delivery. Otherwise Chatwoot
 * ≥ 4.12 sends X-Chatwoot-Delivery on every attempt of a delivery; before that, a retry is
 * recognised by its bytes. One key each: a random delivery id costs a random page in the index.
 */
function deliveryKey(ev: AgentBotEvent, rawBody: Buffer, deliveryId: string | undefined): string {
  if (ev.event === 'message_created') return `message:${ev.id}`;
  if (deliveryId) return `delivery:${deliveryId}`;
  return `body:${createHash('sha256').update(rawBody).digest('hex')}`;
}

export type IntakeResult =
  | { status: 'queued'; job: number; event: AgentBotEvent }
  | { status: 'duplicate'; job: number }
  | { status: 'ignored'; reason: string };

/**
 * A job's stored body, validated again (jobs stored before this held the validated event: it
 * parses too). A body that no longer parses never will: the job fails for good instead of retrying.
 */
export function parseStoredEvent(payload: string): AgentBotEvent {
  let parsed;
  try {
    parsed = agentBotEventSchema.safeParse(JSON.parse(payload));
  } catch {
    throw Object.assign(new Error('stored webhook body is not valid JSON'), { retryable: false });
  }
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw Object.assign(new Error(`stored webhook body no longer fits the schema: ${issue?.path.join('.')} ${issue?.message}`), { retryable: false });
}

/**
 * Validates a verified body and stores it durably; resolves once it is committed and before any
 * processing, so Chatwoot gets its 200 in milliseconds. Retries (same delivery id, or same body
 * when there is none) and re-sent messages (same message id) are recognised as duplicates.
 */
export async function intake(
  enqueue: (input: EnqueueInput) => Promise<EnqueueResult>,
  rawBody: Buffer,
  deliveryId: string | undefined,
): Promise<IntakeResult> {
  const text = rawBody.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
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
  const dedupeKeys = [deliveryKey(ev, rawBody, deliveryId)];

  const { jobId, duplicate } = await enqueue({
    convKey: conversationKey(ev),
    event,
    // The bytes Chatwoot sent; the caller hands the parsed event to the worker in memory.
    payload: text,
    deliveryId,
    dedupeKeys,
  });
  return duplicate ? { status: 'duplicate', job: jobId } : { status: 'queued', job: jobId, event: ev };
}
