import {
  ACCOUNT,
  CONVERSATION,
  actor,
  internalError,
  isoOrNull,
  ok,
  route,
  withConversation,
  type Route,
  type RouteContext,
} from './route-kit.ts';
import { unixSeconds } from './state.ts';
import type { ConversationStatus, Priority, SimConversation } from './types.ts';
import { conversationView, messageView } from './views.ts';

/** Conversation actions a bot may call (AGENT-BOT.md §6), plus create. */

const STATUSES: ConversationStatus[] = ['open', 'resolved', 'pending', 'snoozed'];
const PRIORITIES = ['low', 'medium', 'high', 'urgent'];

/** `bot_handoff!`: waiting_since first (its own conversation_updated), then pending → open. */
function botHandoff(ctx: RouteContext, conv: SimConversation) {
  const { account, emit, state } = ctx;
  if (!conv.waiting_since) {
    const previousUpdatedAt = conv.updated_at;
    conv.waiting_since = unixSeconds(Date.now());
    conv.updated_at = Date.now();
    emit.echo.updated(account, conv, { waiting_since: [null, isoOrNull(conv.waiting_since)] }, previousUpdatedAt);
  }
  const change = state.setStatus(conv, 'open', 'bot_handoff');
  if (change) emit.echo.statusChanged(account, conv, change);
  // On the handoff path the controller never sets @status, so `success` renders null.
  return ok({ meta: {}, payload: { success: null, conversation_id: conv.display_id, current_status: conv.status, snoozed_until: null } });
}

function toggleStatus(ctx: RouteContext, conv: SimConversation) {
  const requested = ctx.body.status as string | undefined;
  if (ctx.auth.kind === 'bot' && conv.status === 'pending' && requested === 'open') return botHandoff(ctx, conv);
  // No status toggles: open → resolved, anything else → open.
  const target = (requested || (conv.status === 'open' ? 'resolved' : 'open')) as ConversationStatus;
  if (!STATUSES.includes(target)) return internalError();
  if (target === 'snoozed') conv.snoozed_until = ctx.body.snoozed_until ? Number(ctx.body.snoozed_until) : null;
  const change = ctx.state.setStatus(conv, target, ctx.auth.kind === 'bot' ? 'bot' : 'user');
  if (change) ctx.emit.echo.statusChanged(ctx.account, conv, change);
  return ok({
    meta: {},
    payload: { success: true, conversation_id: conv.display_id, current_status: conv.status, snoozed_until: conv.snoozed_until },
  });
}

/** The model stores the blank-stripped value; an unknown one is an unrescued ArgumentError. */
function setPriority(ctx: RouteContext, conv: SimConversation, value: unknown): boolean {
  const priority = (value === '' || value === undefined ? null : value) as Priority;
  if (priority !== null && !PRIORITIES.includes(priority)) return false;
  if (priority !== conv.priority) {
    const previousUpdatedAt = conv.updated_at;
    const previous = conv.priority;
    conv.priority = priority;
    conv.updated_at = Date.now();
    ctx.emit.echo.updated(ctx.account, conv, { priority: [previous, priority] }, previousUpdatedAt);
  }
  return true;
}

function createConversation(ctx: RouteContext) {
  const { state, account, body } = ctx;
  const conv = state.openConversation({
    accountId: account.id,
    displayId: state.nextDisplayId(account.id),
    inboxId: typeof body.inbox_id === 'number' ? body.inbox_id : undefined,
    contact: typeof body.contact_id === 'number' ? { id: body.contact_id } : undefined,
    status: STATUSES.includes(body.status) ? body.status : 'pending',
    customAttributes: body.custom_attributes ?? {},
  });
  if (typeof body.message?.content === 'string') {
    const m = state.addMessage(conv, {
      content: body.message.content,
      message_type: 'outgoing',
      content_type: 'text',
      content_attributes: {},
      private: false,
      attachments: false,
      ...actor(ctx),
    });
    ctx.emit.echo.message(account, conv, m);
    return ok({ ...conversationView(account, conv), messages: [messageView(account, conv, m)] });
  }
  return ok(conversationView(account, conv));
}

export const conversationRoutes: Route[] = [
  route('POST', `${ACCOUNT}/conversations`, createConversation),
  route('GET', CONVERSATION, (ctx) => withConversation(ctx, (conv) => ok(conversationView(ctx.account, conv)))),
  route('PATCH', CONVERSATION, (ctx) =>
    withConversation(ctx, (conv) => {
      // Only priority (and enterprise sla_policy_id) are permitted here.
      if ('priority' in ctx.body && !setPriority(ctx, conv, ctx.body.priority)) return internalError();
      return ok(conversationView(ctx.account, conv));
    }),
  ),
  route('POST', `${CONVERSATION}/toggle_status`, (ctx) => withConversation(ctx, (conv) => toggleStatus(ctx, conv))),
  route('POST', `${CONVERSATION}/toggle_priority`, (ctx) =>
    withConversation(ctx, (conv) => (setPriority(ctx, conv, ctx.body.priority) ? ok() : internalError())),
  ),
  route('POST', `${CONVERSATION}/toggle_typing_status`, (ctx) =>
    withConversation(ctx, (conv) => {
      if (ctx.body.typing_status === 'on' || ctx.body.typing_status === 'off') conv.typing_status = ctx.body.typing_status;
      return ok();
    }),
  ),
];
