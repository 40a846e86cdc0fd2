import type { Emitter } from './emitter.ts';
import { unixSeconds, type SimState } from './state.ts';
import type { ActionResult, DeliveryRecord, SimConversation, StatusVia } from './types.ts';

/**
 * What happens on the Chatwoot side without the bot: the contact writes, an agent replies or
 * changes the status in the UI. Each one delivers the webhooks Chatwoot would.
 */
export function createActors(state: SimState, emit: Emitter) {
  function accountOf(accountId: number) {
    const account = state.account(accountId);
    if (!account) throw new Error(`simulator: unknown account ${accountId}`);
    return account;
  }

  async function changeStatus(accountId: number, displayId: number, to: SimConversation['status'], via: StatusVia) {
    const account = accountOf(accountId);
    const conv = state.requireConversation(accountId, displayId);
    const change = state.setStatus(conv, to, via);
    if (!change) return [];
    const records = await emit.statusChanged(account, conv, change);
    return records.filter((r): r is DeliveryRecord => r !== null);
  }

  return {
    /**
     * An incoming widget message. A first message creates the conversation (pending, as with
     * an active inbox bot); resolved reopens to pending and snoozed to open (`reopen_conversation`).
     * Resolves when the delivery (with retries) has finished.
     */
    async customerSays(
      accountId: number,
      displayId: number,
      text: string,
      opts: { attachments?: boolean; deliveryId?: string } = {},
    ): Promise<ActionResult> {
      const account = accountOf(accountId);
      const conv = state.findConversation(accountId, displayId) ?? state.openConversation({ accountId, displayId });
      const message = state.addMessage(conv, {
        content: text,
        message_type: 'incoming',
        content_type: 'text',
        content_attributes: { in_reply_to: null },
        private: false,
        sender_type: 'contact',
        sender_id: conv.contact.id,
        attachments: Boolean(opts.attachments),
      });
      conv.unread_count++;
      conv.waiting_since ||= unixSeconds(message.created_at);
      const reopenTo = conv.status === 'resolved' ? 'pending' : conv.status === 'snoozed' ? 'open' : null;
      const change = reopenTo ? state.setStatus(conv, reopenTo, 'incoming_message') : null;
      if (change) void emit.statusChanged(account, conv, change);
      const delivery = await emit.message(account, conv, message, opts.deliveryId);
      return { message: structuredClone(message), delivery };
    },

    /** A human agent's reply or private note. It never changes the status (AGENT-BOT.md §7). */
    async agentReplies(
      accountId: number,
      displayId: number,
      agentId: number,
      text: string,
      opts: { private?: boolean } = {},
    ): Promise<ActionResult> {
      const account = accountOf(accountId);
      const conv = state.requireConversation(accountId, displayId);
      if (!account.users.some((u) => u.id === agentId)) throw new Error(`simulator: no agent ${agentId} in account ${accountId}`);
      const isPrivate = Boolean(opts.private);
      const message = state.addMessage(conv, {
        content: text,
        message_type: 'outgoing',
        content_type: 'text',
        content_attributes: {},
        private: isPrivate,
        sender_type: 'user',
        sender_id: agentId,
        attachments: false,
      });
      if (!isPrivate) {
        conv.unread_count = 0;
        conv.waiting_since = 0;
        conv.first_reply_created_at ||= unixSeconds(message.created_at);
      }
      const delivery = await emit.message(account, conv, message);
      return { message: structuredClone(message), delivery };
    },

    /**
     * The contact clicks the button titled `title` under the latest input_select message: the widget
     * updates that message with `submitted_values` and Chatwoot sends message_updated (no new message).
     */
    async customerChooses(accountId: number, displayId: number, title: string): Promise<ActionResult> {
      const account = accountOf(accountId);
      const conv = state.requireConversation(accountId, displayId);
      const message = [...conv.messages].reverse().find((m) => m.content_type === 'input_select' && !m.private);
      if (!message) throw new Error(`simulator: no input_select message in conversation ${displayId}`);
      const items = (message.content_attributes.items ?? []) as Array<{ title: string; value: string }>;
      const item = items.find((i) => i.title === title);
      if (!item) throw new Error(`simulator: no button "${title}" (there are ${items.map((i) => `"${i.title}"`).join(', ')})`);
      message.content_attributes = { ...message.content_attributes, submitted_values: [item] };
      const delivery = await emit.messageUpdated(account, conv, message);
      return { message: structuredClone(message), delivery };
    },

    /** An agent opens the conversation in the UI: a plain status change, not a bot handoff. */
    agentOpens: (accountId: number, displayId: number) => changeStatus(accountId, displayId, 'open', 'agent'),
    agentResolves: (accountId: number, displayId: number) => changeStatus(accountId, displayId, 'resolved', 'agent'),
  };
}
