import { CONVERSATION, notFound, ok, route, withConversation, type Route, type RouteContext } from './route-kit.ts';
import type { Changes } from './payloads.ts';
import type { SimConversation } from './types.ts';
import { agentView, botView, teamView } from './views.ts';

/** Attribute edits a bot may make: custom attributes, labels, assignments (AGENT-BOT.md §6). */

/** Applies `edit`, then tells the bot about it as Chatwoot's conversation_updated would. */
function tracked(ctx: RouteContext, conv: SimConversation, edit: () => Changes): void {
  const previousUpdatedAt = conv.updated_at;
  const changes = edit();
  if (!Object.keys(changes).length) return;
  conv.updated_at = Date.now();
  ctx.emit.echo.updated(ctx.account, conv, changes, previousUpdatedAt);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** REPLACES the whole object; it does not merge. */
function customAttributes(ctx: RouteContext, conv: SimConversation) {
  const next = ctx.body.custom_attributes && typeof ctx.body.custom_attributes === 'object' ? ctx.body.custom_attributes : {};
  tracked(ctx, conv, (): Changes => {
    const previous = conv.custom_attributes;
    conv.custom_attributes = structuredClone(next);
    return same(previous, next) ? {} : { custom_attributes: [previous, next] };
  });
  return ok({ custom_attributes: conv.custom_attributes });
}

/** POST replaces the label list (`update_labels`); to add, read first and post the union. */
function setLabels(ctx: RouteContext, conv: SimConversation) {
  const next = [...new Set((Array.isArray(ctx.body.labels) ? ctx.body.labels : []).map(String))];
  tracked(ctx, conv, (): Changes => {
    const previous = conv.labels;
    conv.labels = next;
    return same(previous, next) ? {} : { label_list: [previous, next] };
  });
  return ok({ payload: conv.labels });
}

/** Assigning never changes the status; a human assignee clears the bot one and vice versa. */
function assign(ctx: RouteContext, conv: SimConversation) {
  const { body, account } = ctx;
  if (body.assignee_type === 'AgentBot') {
    if (body.assignee_id !== account.bot.id) return notFound();
    tracked(ctx, conv, (): Changes => {
      const changes: Changes = conv.assignee_type === 'AgentBot' ? {} : { assignee_agent_bot_id: [null, account.bot.id] };
      if (conv.assignee_type === 'User') changes.assignee_id = [conv.assignee_id, null];
      conv.assignee_id = account.bot.id;
      conv.assignee_type = 'AgentBot';
      return changes;
    });
    return ok(botView(account));
  }
  if ('assignee_id' in body) {
    // An id outside the account finds no user, so the conversation ends up unassigned.
    const user = account.users.find((u) => u.id === body.assignee_id);
    tracked(ctx, conv, (): Changes => {
      const changes: Changes = {};
      if (conv.assignee_type === 'AgentBot') changes.assignee_agent_bot_id = [conv.assignee_id, null];
      const previousUser = conv.assignee_type === 'User' ? conv.assignee_id : null;
      if (previousUser !== (user?.id ?? null)) changes.assignee_id = [previousUser, user?.id ?? null];
      conv.assignee_id = user?.id ?? null;
      conv.assignee_type = user ? 'User' : null;
      return changes;
    });
    return ok(user ? agentView(account, user) : null);
  }
  if ('team_id' in body) {
    const team = account.teams.find((t) => t.id === body.team_id);
    tracked(ctx, conv, (): Changes => {
      const previous = conv.team_id;
      conv.team_id = team?.id ?? null;
      return previous === conv.team_id ? {} : { team_id: [previous, conv.team_id] };
    });
    return ok(team ? teamView(account, team) : null);
  }
  return { status: 204 };
}

export const conversationEditRoutes: Route[] = [
  route('POST', `${CONVERSATION}/custom_attributes`, (ctx) => withConversation(ctx, (c) => customAttributes(ctx, c))),
  route('GET', `${CONVERSATION}/labels`, (ctx) => withConversation(ctx, (c) => ok({ payload: c.labels }))),
  route('POST', `${CONVERSATION}/labels`, (ctx) => withConversation(ctx, (c) => setLabels(ctx, c))),
  route('POST', `${CONVERSATION}/assignments`, (ctx) => withConversation(ctx, (c) => assign(ctx, c))),
];
