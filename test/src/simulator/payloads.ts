import { loadWebhookFixture } from '../fixtures.ts';
import {
  accountRef,
  fillAttachments,
  fillConversation,
  inboxRef,
  iso,
  messageSender,
  type Json,
} from './payload-parts.ts';
import type { AccountState } from './state.ts';
import type { SimConversation, SimMessage } from './types.ts';

/** Agent-bot webhook bodies, built by cloning the real fixtures (AGENT-BOT.md §3, §4). */

function messageFixture(m: SimMessage): string {
  if (m.private) return 'message_created.private_note';
  if (m.sender_type === 'contact') {
    return m.attachments ? 'message_created.incoming_with_attachment' : 'message_created.incoming';
  }
  return m.sender_type === 'user' ? 'message_created.outgoing_human_agent' : 'message_created.outgoing';
}

export function messagePayload(
  event: 'message_created' | 'message_updated',
  account: AccountState,
  conv: SimConversation,
  m: SimMessage,
): Json {
  const p = loadWebhookFixture<Json>(messageFixture(m));
  if (p.attachments) p.attachments = fillAttachments(p.attachments, account, m);
  fillConversation(p.conversation, account, conv);
  // The private-note fixture's sender is a user; a bot's note must carry the bot.
  const sender = messageSender(account, conv, m, false);
  return Object.assign(p, {
    account: accountRef(account),
    content_attributes: m.content_attributes,
    content_type: m.content_type,
    content: m.content,
    created_at: iso(m.created_at),
    id: m.id,
    inbox: inboxRef(conv.inbox_id),
    message_type: m.message_type,
    private: m.private,
    sender,
    source_id: null,
    event,
  });
}

export type ConversationEventName =
  | 'conversation_opened'
  | 'conversation_resolved'
  | 'conversation_status_changed'
  | 'conversation_updated';

const CONVERSATION_FIXTURES: Record<ConversationEventName, string> = {
  conversation_opened: 'conversation_opened',
  conversation_resolved: 'conversation_resolved',
  conversation_status_changed: 'conversation_status_changed',
  conversation_updated: 'conversation_updated.status_open',
};

/** One changed attribute, `[previous, current]`, as the model's saved changes. */
export type Changes = Record<string, [unknown, unknown]>;

/**
 * `changed_attributes` is a list of single-key objects. Chatwoot takes it from the saved
 * changes, so `updated_at` always rides along (AGENT-BOT.md §3).
 */
function changedAttributes(changes: Changes, previousUpdatedAt: number, conv: SimConversation) {
  const list = Object.entries(changes).map(([key, [previous_value, current_value]]) => ({
    [key]: { previous_value, current_value },
  }));
  list.push({ updated_at: { previous_value: iso(previousUpdatedAt), current_value: iso(conv.updated_at) } });
  return list;
}

export function conversationPayload(
  event: ConversationEventName,
  account: AccountState,
  conv: SimConversation,
  opts: { changes?: Changes; previousUpdatedAt?: number } = {},
): Json {
  const p = loadWebhookFixture<Json>(CONVERSATION_FIXTURES[event]);
  fillConversation(p, account, conv);
  p.event = event;
  if (event === 'conversation_updated') {
    p.changed_attributes = changedAttributes(opts.changes ?? {}, opts.previousUpdatedAt ?? conv.updated_at, conv);
  }
  // conversation_status_changed keeps the fixture's `null`: Chatwoot reads status_change too late.
  return p;
}
