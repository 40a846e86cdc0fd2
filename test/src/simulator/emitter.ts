import { isSuccess, type Deliverer } from './delivery.ts';
import { conversationPayload, messagePayload, type Changes, type ConversationEventName } from './payloads.ts';
import type { AccountState, SimState } from './state.ts';
import type { DeliveryRecord, SimConversation, SimMessage, StatusChange } from './types.ts';

const FAIL_OPEN_NOTE = 'Conversation was marked open by system due to an error with the agent bot.';

/**
 * Turns state changes into agent-bot webhooks the way `AgentBotListener` does. Payloads are
 * built at change time (Chatwoot enqueues the job with the payload), and sent later.
 */
export function createEmitter(deps: { state: SimState; deliverer: Deliverer; echo: boolean }) {
  const { state, deliverer, echo } = deps;

  const nextTick = () => new Promise((resolve) => setImmediate(resolve));

  async function deliverMessage(
    account: AccountState,
    conv: SimConversation,
    m: SimMessage,
    payload: object,
    deliveryId?: string,
    event: 'message_created' | 'message_updated' = 'message_created',
  ): Promise<DeliveryRecord | null> {
    const meta = { event, accountId: account.id, conversationId: conv.display_id, deliveryId };
    const record = await deliverer.send(payload, meta);
    if (record && !isSuccess(record.status) && record.error !== 'aborted') failOpen(account, conv, m, record);
    return record;
  }

  function sendMessage(account: AccountState, conv: SimConversation, m: SimMessage, deliveryId?: string) {
    return deliverMessage(account, conv, m, messagePayload('message_created', account, conv, m), deliveryId);
  }

  /**
   * `WebhookJob` failure handler: an undeliverable message_* webhook opens a pending
   * conversation for humans and leaves an activity note (AGENT-BOT.md §2).
   */
  function failOpen(account: AccountState, conv: SimConversation, m: SimMessage, record: DeliveryRecord): void {
    if (!conv.messages.includes(m) || conv.status !== 'pending') return;
    const change = state.setStatus(conv, 'open', 'fail_open');
    state.addMessage(conv, {
      content: FAIL_OPEN_NOTE,
      message_type: 'activity',
      content_type: 'text',
      content_attributes: {},
      private: false,
      sender_type: null,
      sender_id: null,
      attachments: false,
    });
    record.failOpen = true;
    if (change) statusChanged(account, conv, change);
  }

  /** Fire-and-forget, like a Sidekiq job; `sim.idle()` waits for these. */
  function later(event: ConversationEventName, account: AccountState, conv: SimConversation, changes?: Changes, previousUpdatedAt?: number) {
    const payload = conversationPayload(event, account, conv, { changes, previousUpdatedAt });
    const meta = { event, accountId: account.id, conversationId: conv.display_id };
    return deliverer.track(nextTick().then(() => deliverer.send(payload, meta)));
  }

  /** One status change fans out to opened/resolved + status_changed + updated (AGENT-BOT.md §3). */
  function statusChanged(account: AccountState, conv: SimConversation, change: StatusChange, extra: Changes = {}) {
    const pending: Array<Promise<unknown>> = [];
    if (change.to === 'open') pending.push(later('conversation_opened', account, conv));
    if (change.to === 'resolved') pending.push(later('conversation_resolved', account, conv));
    pending.push(later('conversation_status_changed', account, conv));
    pending.push(later('conversation_updated', account, conv, { status: [change.from, change.to], ...extra }, change.at));
    return Promise.all(pending);
  }

  return {
    /** A contact or human-agent message: always delivered, awaited with retries and fail-open. */
    message: sendMessage,
    /** A message changed by the contact (a click on input_select buttons): delivered like a new one. */
    messageUpdated: (account: AccountState, conv: SimConversation, m: SimMessage) =>
      deliverMessage(account, conv, m, messagePayload('message_updated', account, conv, m), undefined, 'message_updated'),
    /** Chatwoot-side actions (agent UI, customer) always notify the bot. */
    statusChanged,
    /** Follow-ups to the bot's own API calls, only when `echo` is on. */
    echo: {
      message(account: AccountState, conv: SimConversation, m: SimMessage): void {
        if (!echo) return;
        const payload = messagePayload('message_created', account, conv, m);
        void deliverer.track(nextTick().then(() => deliverMessage(account, conv, m, payload)));
      },
      statusChanged(account: AccountState, conv: SimConversation, change: StatusChange, extra?: Changes): void {
        if (echo) void statusChanged(account, conv, change, extra);
      },
      updated(account: AccountState, conv: SimConversation, changes: Changes, previousUpdatedAt: number): void {
        if (echo) void later('conversation_updated', account, conv, changes, previousUpdatedAt);
      },
    },
  };
}

export type Emitter = ReturnType<typeof createEmitter>;
