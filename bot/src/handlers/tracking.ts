import type { ConversationEvent, MessageEvent } from '@sbf-chatwoot/shared';
import type { HandlerContext } from './context.ts';

const ms = (iso: string) => Date.parse(iso) || Date.now();

/** Writes a tracking fact onto the conversation's SBF task too, when there is one. */
async function onTask(ctx: HandlerContext, a: number, c: number, patch: (uid: string) => Promise<unknown>) {
  const uid = ctx.tracking.get(a, c)?.task_uid;
  if (uid && (await ctx.sbf.get(uid))) await patch(uid);
}

/** The first reply of a human after an escalation starts the VA response-time clock's stop. */
export async function trackAgentReply(ev: MessageEvent, ctx: HandlerContext) {
  if (ev.private || ev.message_type !== 'outgoing' || ev.sender?.type !== 'user') return;
  const a = ev.account.id;
  const c = ev.conversation.id;
  const at = ms(ev.created_at);
  if (!ctx.tracking.vaReplied(a, c, at)) return;
  ctx.log.info({ conversation: c, va: ev.sender.name }, 'VA first reply tracked');
  await onTask(ctx, a, c, (uid) => ctx.sbf.update(uid, { first_response_at: new Date(at).toISOString(), status: 'in_progress' }));
}

/** Chatwoot's CSAT survey answer arrives as an update of its `input_csat` message. */
export async function trackCsat(ev: MessageEvent, ctx: HandlerContext) {
  if (ev.content_type !== 'input_csat') return;
  const submitted = ev.content_attributes.submitted_values as
    | { csat_survey_response?: { rating?: number; feedback_message?: string } }
    | undefined;
  const rating = Number(submitted?.csat_survey_response?.rating);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return;
  const comment = submitted?.csat_survey_response?.feedback_message || undefined;
  const a = ev.account.id;
  const c = ev.conversation.id;
  ctx.conversations.ensure(a, c, ctx.directory.resolve(a, ev.inbox.id)?.support.client_uid ?? null);
  ctx.tracking.csat(a, c, rating, comment);
  await onTask(ctx, a, c, (uid) => ctx.sbf.update(uid, { csat: comment ? { rating, comment } : { rating } }));
}

const accountOf = (ev: ConversationEvent, ctx: HandlerContext) => ev.account?.id ?? ctx.directory.accountForInbox(ev.inbox_id);
const eventTime = (ev: ConversationEvent) => (typeof ev.updated_at === 'number' ? Math.round(ev.updated_at * 1000) : Date.now());

export async function trackResolved(ev: ConversationEvent, ctx: HandlerContext) {
  const a = accountOf(ev, ctx);
  if (a === undefined || !ctx.tracking.get(a, ev.id)) return;
  const at = eventTime(ev);
  if (!ctx.tracking.resolved(a, ev.id, at)) return;
  await onTask(ctx, a, ev.id, async (uid) => {
    const task = await ctx.sbf.get(uid);
    if (task?.status === 'cancelled') return;
    await ctx.sbf.update(uid, { status: 'done', resolved_at: new Date(at).toISOString() });
  });
}

/** Opened again after being resolved: a reopening, and the task is back in progress. */
export async function trackOpened(ev: ConversationEvent, ctx: HandlerContext) {
  const a = accountOf(ev, ctx);
  if (a === undefined || !ctx.tracking.reopened(a, ev.id)) return;
  const reopenings = ctx.tracking.get(a, ev.id)?.reopen_count ?? 1;
  await onTask(ctx, a, ev.id, (uid) => ctx.sbf.update(uid, { status: 'in_progress', reopenings }));
}
