import { loadHelpCenterFixture } from '../fixtures.ts';
import { lastActivity, messageSender, pushMessage, type Json } from './payload-parts.ts';
import { unixSeconds, type AccountState, type ArticleRecord, type UserRecord } from './state.ts';
import type { SimConversation, SimMessage } from './types.ts';

/** REST response bodies (jbuilder views), which differ from the webhook payloads (AGENT-BOT.md §6). */

const MESSAGE_TYPE_INT = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;

/** `api/v1/models/_agent.json.jbuilder`, via the article fixture's `author`. */
export function agentView(account: AccountState, u: UserRecord): Json {
  const author = loadHelpCenterFixture('article').payload.author;
  return Object.assign(author, {
    id: u.id,
    account_id: account.id,
    availability_status: u.availability_status,
    email: u.email,
    available_name: u.name,
    name: u.name,
    role: u.role,
  });
}

export const teamView = (account: AccountState, team: { id: number; name: string }): Json => ({
  id: team.id,
  name: team.name,
  description: '',
  allow_auto_assign: true,
  account_id: account.id,
  is_member: false,
});

export const botView = (account: AccountState): Json => ({
  ...account.bot,
  description: '',
  thumbnail: '',
  outgoing_url: null,
  bot_type: 'webhook',
  bot_config: {},
  account_id: account.id,
});

function contactView(conv: SimConversation): Json {
  const c = conv.contact;
  return {
    additional_attributes: {},
    availability_status: 'offline',
    email: c.email,
    id: c.id,
    name: c.name,
    phone_number: c.phone_number,
    blocked: false,
    identifier: c.identifier,
    thumbnail: '',
    custom_attributes: c.custom_attributes,
    last_activity_at: lastActivity(conv),
    created_at: unixSeconds(conv.created_at),
  };
}

/** `api/v1/models/_message.json.jbuilder`: integer message_type, Unix created_at. */
export function messageView(account: AccountState, conv: SimConversation, m: SimMessage): Json {
  return {
    id: m.id,
    content: m.content,
    inbox_id: conv.inbox_id,
    conversation_id: conv.display_id,
    message_type: MESSAGE_TYPE_INT[m.message_type],
    content_type: m.content_type,
    status: 'sent',
    content_attributes: m.content_attributes,
    created_at: unixSeconds(m.created_at),
    private: m.private,
    source_id: null,
    sender: messageSender(account, conv, m, true),
  };
}

/** Unread incoming messages (up to 10) when there are any, else the last message. */
function viewMessages(conv: SimConversation): SimMessage[] {
  if (conv.unread_count > 0) return conv.messages.filter((m) => m.message_type === 'incoming').slice(-Math.min(conv.unread_count, 10));
  return conv.messages.slice(-1);
}

/** `conversations/partials/_conversation.json.jbuilder` (the show view). */
export function conversationView(account: AccountState, conv: SimConversation): Json {
  const meta: Json = { sender: contactView(conv), channel: 'Channel::WebWidget' };
  const user = account.users.find((u) => u.id === conv.assignee_id);
  if (conv.assignee_type === 'AgentBot') Object.assign(meta, { assignee: { ...account.bot, type: 'agent_bot' }, assignee_type: 'AgentBot' });
  else if (conv.assignee_type === 'User' && user) Object.assign(meta, { assignee: agentView(account, user), assignee_type: 'User' });
  const team = account.teams.find((t) => t.id === conv.team_id);
  if (team) meta.team = teamView(account, team);
  meta.hmac_verified = false;
  const lastNonActivity = conv.messages.filter((m) => m.message_type !== 'activity').at(-1);
  return {
    meta,
    id: conv.display_id,
    messages: viewMessages(conv).map((m) => pushMessage(account, conv, m)),
    account_id: account.id,
    uuid: conv.uuid,
    additional_attributes: {},
    agent_last_seen_at: 0,
    assignee_last_seen_at: 0,
    can_reply: true,
    contact_last_seen_at: 0,
    custom_attributes: conv.custom_attributes,
    inbox_id: conv.inbox_id,
    labels: conv.labels,
    muted: false,
    snoozed_until: conv.snoozed_until,
    status: conv.status,
    created_at: unixSeconds(conv.created_at),
    updated_at: conv.updated_at / 1000,
    timestamp: lastActivity(conv),
    first_reply_created_at: conv.first_reply_created_at,
    unread_count: conv.unread_count,
    last_non_activity_message: lastNonActivity ? pushMessage(account, conv, lastNonActivity) : null,
    last_activity_at: lastActivity(conv),
    priority: conv.priority,
    waiting_since: conv.waiting_since,
    sla_policy_id: null,
  };
}

/** `GET /api/v1/profile` (swagger `user`). */
export function profileView(accounts: AccountState[], u: UserRecord, token: string): Json {
  return {
    id: u.id,
    access_token: token,
    account_id: accounts[0]?.id,
    available_name: u.name,
    avatar_url: '',
    confirmed: true,
    display_name: null,
    message_signature: null,
    email: u.email,
    hmac_identifier: '',
    inviter_id: null,
    name: u.name,
    provider: 'email',
    pubsub_token: '',
    role: u.role,
    ui_settings: {},
    uid: u.email,
    type: null,
    accounts: accounts.map((a) => ({
      id: a.id,
      name: a.name,
      status: 'active',
      active_at: null,
      role: u.role,
      permissions: [u.role],
      availability: 'online',
      availability_status: 'online',
      auto_offline: true,
      custom_role_id: null,
      custom_role: null,
    })),
  };
}

/** `articles/_article.json.jbuilder`, via the article fixture (without the `payload` envelope). */
export function articleView(account: AccountState, a: ArticleRecord): Json {
  const view = loadHelpCenterFixture('article').payload;
  if (view.category.id !== a.category_id) {
    // `category` is always present; an article without one renders all-null values.
    view.category = Object.fromEntries(Object.keys(view.category).map((k) => [k, null]));
  }
  const author = account.users.find((u) => u.id === a.author_id);
  Object.assign(view, {
    id: a.id,
    slug: a.slug,
    title: a.title,
    content: a.content,
    description: a.description,
    status: a.status,
    draft_title: a.draft_title,
    draft_content: a.draft_content,
    position: a.position,
    account_id: account.id,
    updated_at: a.updated_at,
    meta: a.meta,
    views: a.views,
  });
  if (author) view.author = agentView(account, author);
  else delete view.author; // jbuilder leaves it out when the author was deleted
  return view;
}
