import { loadWebhookFixture } from '../fixtures.ts';
import { DEFAULT_INBOX, lastPublicMessage, unixSeconds, type AccountState, type UserRecord } from './state.ts';
import type { SimContact, SimConversation, SimMessage } from './types.ts';

/**
 * Pieces of Chatwoot webhook payloads, each cloned from a real fixture and changed only
 * where the simulated state differs. Assigning to existing keys keeps the fixture's key
 * order, and fields we don't model stay exactly as Chatwoot sends them.
 */
export type Json = Record<string, any>;

const fx = (name: string): Json => loadWebhookFixture<Json>(name);
const MESSAGE_TYPE_INT = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;
const SENDER_CLASS = { contact: 'Contact', agent_bot: 'AgentBot', user: 'User' } as const;

export const iso = (ms: number): string => new Date(ms).toISOString();
export const inboxRef = (id: number) => ({ id, name: id === DEFAULT_INBOX.id ? DEFAULT_INBOX.name : `Inbox ${id}` });
export const accountRef = (account: AccountState) => ({ id: account.id, name: account.name });

function contactFields(c: SimContact) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone_number: c.phone_number,
    identifier: c.identifier,
    custom_attributes: c.custom_attributes,
  };
}

/** Contact as a message `sender`: the contact webhook payload, which has no `type`. */
export const contactMessageSender = (account: AccountState, c: SimContact): Json =>
  Object.assign(fx('message_created.incoming').sender, { account: accountRef(account) }, contactFields(c));

/** Contact push payload (`meta.sender`, `messages[].sender`), which carries `type: "contact"`. */
export const contactPush = (c: SimContact): Json =>
  Object.assign(fx('message_created.incoming').conversation.meta.sender, contactFields(c));

export const botMessageSender = (bot: AccountState['bot']): Json => Object.assign(fx('message_created.outgoing').sender, bot);
export const botPush = (bot: AccountState['bot']): Json =>
  Object.assign(fx('message_created.outgoing').conversation.messages[0].sender, bot);

export const userMessageSender = (u: UserRecord): Json =>
  Object.assign(fx('message_created.outgoing_human_agent').sender, { email: u.email, id: u.id, name: u.name });
export const userPush = (u: UserRecord): Json =>
  Object.assign(fx('message_created.outgoing_human_agent').conversation.messages[0].sender, {
    id: u.id,
    name: u.name,
    available_name: u.name,
  });

function assigneePush(account: AccountState, conv: SimConversation): Json | null {
  if (conv.assignee_type === 'AgentBot') {
    return Object.assign(fx('conversation_updated.agent_bot_assigned').meta.assignee, account.bot);
  }
  const user = account.users.find((u) => u.id === conv.assignee_id);
  if (conv.assignee_type !== 'User' || !user) return null;
  return Object.assign(fx('message_created.outgoing_human_agent').conversation.meta.assignee, {
    id: user.id,
    name: user.name,
    available_name: user.name,
  });
}

function teamPush(account: AccountState, conv: SimConversation): Json | null {
  const team = account.teams.find((t) => t.id === conv.team_id);
  if (!team) return null;
  return Object.assign(fx('message_created.outgoing_human_agent').conversation.meta.team, team);
}

export function messageSender(account: AccountState, conv: SimConversation, m: SimMessage, push: boolean): Json | null {
  if (m.sender_type === 'contact') return push ? contactPush(conv.contact) : contactMessageSender(account, conv.contact);
  if (m.sender_type === 'agent_bot') return push ? botPush(account.bot) : botMessageSender(account.bot);
  const user = account.users.find((u) => u.id === m.sender_id);
  if (m.sender_type === 'user' && user) return push ? userPush(user) : userMessageSender(user);
  return null;
}

function pushTemplate(m: SimMessage): Json {
  if (m.sender_type === 'contact') {
    const name = m.attachments ? 'message_created.incoming_with_attachment' : 'message_created.incoming';
    return fx(name).conversation.messages[0];
  }
  const name = m.sender_type === 'user' ? 'message_created.outgoing_human_agent' : 'message_created.outgoing';
  return fx(name).conversation.messages[0];
}

/** Fixture attachments re-pointed at this message; ids follow the message so they stay unique. */
export function fillAttachments(attachments: Json[], account: AccountState, m: SimMessage): Json[] {
  return attachments.map((a, i) => Object.assign(a, { account_id: account.id, id: m.id * 10 + i, message_id: m.id }));
}

/** The push form used in `conversation.messages[]` and the REST views: integer type and Unix created_at. */
export function pushMessage(account: AccountState, conv: SimConversation, m: SimMessage): Json {
  const t = pushTemplate(m);
  if (t.attachments) t.attachments = fillAttachments(t.attachments, account, m);
  Object.assign(t, {
    id: m.id,
    content: m.content,
    account_id: account.id,
    inbox_id: conv.inbox_id,
    conversation_id: conv.display_id,
    message_type: MESSAGE_TYPE_INT[m.message_type],
    created_at: unixSeconds(m.created_at),
    updated_at: iso(m.created_at),
    private: m.private,
    content_type: m.content_type,
    content_attributes: m.content_attributes,
    sender_type: m.sender_type ? SENDER_CLASS[m.sender_type] : null,
    sender_id: m.sender_id,
    processed_message_content: m.content,
  });
  Object.assign(t.conversation, {
    assignee_id: conv.assignee_type === 'User' ? conv.assignee_id : null,
    unread_count: conv.unread_count,
    last_activity_at: lastActivity(conv),
    contact_inbox: { source_id: conv.uuid },
  });
  const sender = messageSender(account, conv, m, true);
  if (sender) t.sender = sender;
  else delete t.sender; // template/system messages have no sender at all
  return t;
}

export const lastActivity = (conv: SimConversation): number =>
  unixSeconds(conv.messages.at(-1)?.created_at ?? conv.created_at);

/** Overwrites a fixture conversation webhook payload (in place) with the simulated state. */
export function fillConversation(base: Json, account: AccountState, conv: SimConversation): Json {
  const last = lastPublicMessage(conv);
  Object.assign(base.contact_inbox, { contact_id: conv.contact.id, inbox_id: conv.inbox_id, source_id: conv.uuid });
  Object.assign(base.meta, {
    sender: contactPush(conv.contact),
    assignee: assigneePush(account, conv),
    assignee_type: conv.assignee_type,
    team: teamPush(account, conv),
  });
  return Object.assign(base, {
    id: conv.display_id,
    inbox_id: conv.inbox_id,
    messages: last ? [pushMessage(account, conv, last)] : [],
    labels: [...conv.labels],
    status: conv.status,
    custom_attributes: structuredClone(conv.custom_attributes),
    snoozed_until: conv.snoozed_until ? iso(conv.snoozed_until * 1000) : null,
    unread_count: conv.unread_count,
    first_reply_created_at: conv.first_reply_created_at ? iso(conv.first_reply_created_at * 1000) : null,
    priority: conv.priority,
    waiting_since: conv.waiting_since,
    agent_last_seen_at: 0,
    contact_last_seen_at: 0,
    last_activity_at: lastActivity(conv),
    timestamp: lastActivity(conv),
    created_at: unixSeconds(conv.created_at),
    updated_at: conv.updated_at / 1000,
    account: accountRef(account),
  });
}
