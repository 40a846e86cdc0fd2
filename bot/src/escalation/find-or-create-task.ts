import { vaTaskSchema, type Conversation, type TaskPriority, type VaTask } from '@sbf-chatwoot/shared';
import type { HandlerContext } from '../handlers/context.ts';
import type { EscalationInput } from './escalate.ts';

const channelNames: Record<string, string> = {
  'Channel::WebWidget': 'chat',
  'Channel::Whatsapp': 'whatsapp',
  'Channel::Email': 'email',
  'Channel::Sms': 'sms',
  'Channel::TwilioSms': 'sms',
  'Channel::Telegram': 'telegram',
  'Channel::FacebookPage': 'facebook',
  'Channel::Instagram': 'instagram',
  'Channel::Api': 'api',
};

const URGENT_TRIGGERS = new Set(['security', 'legal']);
const HIGH_TRIGGERS = new Set(['complaint', 'negative_sentiment', 'vip', 'refund', 'cancellation']);

/** Chatwoot's priority, raised when the escalation reason calls for it. */
export function taskPriority(chatwoot: Conversation['priority'], trigger: string, urgent = false): TaskPriority {
  const base: TaskPriority = chatwoot === 'medium' || !chatwoot ? 'normal' : chatwoot;
  const order: TaskPriority[] = ['low', 'normal', 'high', 'urgent'];
  const floor: TaskPriority = urgent || URGENT_TRIGGERS.has(trigger) ? 'urgent' : HIGH_TRIGGERS.has(trigger) ? 'high' : 'low';
  return order[Math.max(order.indexOf(base), order.indexOf(floor))]!;
}

/**
 * One task per conversation: reuse the linked one, or one the vault already holds for this
 * (account, conversation) — a crash may have come between writing it and linking it.
 */
export async function findOrCreateTask(
  ctx: HandlerContext,
  args: EscalationInput & { assignedTo?: string },
): Promise<VaTask> {
  const { accountId, conversation, setup } = args;
  const clientUid = setup.support.client_uid;
  const linked = ctx.conversations.get(accountId, conversation.id)?.task_uid;
  const existing = linked
    ? await ctx.sbf.get(linked)
    : (await ctx.sbf.query({ type: 'va.task', client_uid: clientUid })).find((t) => {
        const m = (t as Partial<VaTask>).metadata;
        return t.source === 'chatwoot' && m?.account_id === accountId && m?.conversation_id === conversation.id;
      });
  if (existing) {
    const task = vaTaskSchema.parse(existing);
    // A conversation escalated again after its task was closed reopens that task.
    if (task.status === 'done' || task.status === 'cancelled') {
      return vaTaskSchema.parse(await ctx.sbf.update(task.uid, { status: 'todo' }));
    }
    return task;
  }

  const sender = conversation.meta.sender;
  const firstLine = args.text.split('\n')[0]!.trim();
  const title = `Chatwoot #${conversation.id}: ${firstLine || args.trigger}`.slice(0, 200);
  const created = await ctx.sbf.create({
    type: 'va.task',
    client_uid: clientUid,
    support_uid: setup.support.uid,
    title,
    description: `${args.reason}.\n\nCustomer wrote:\n\n> ${args.text.replace(/\n/g, '\n> ')}`,
    status: 'todo',
    priority: taskPriority(conversation.priority, args.trigger, args.route?.urgent),
    assigned_to: args.assignedTo,
    source: 'chatwoot',
    tags: ['chatwoot', `escalation:${args.trigger}`],
    metadata: {
      conversation_url: `${ctx.links.chatwootBaseUrl}/app/accounts/${accountId}/conversations/${conversation.id}`,
      conversation_id: conversation.id,
      account_id: accountId,
      inbox_id: conversation.inbox_id,
      contact: sender?.email ?? sender?.phone_number ?? null,
      channel: channelNames[conversation.channel ?? ''] ?? conversation.channel ?? 'unknown',
    },
    escalated_at: ctx.now().toISOString(),
    lifecycle: { state: 'capture' },
    sensitivity: { level: 'confidential', rank: 4 },
    content: `Escalated by the Chatwoot bot: ${args.reason}.`,
  });
  return vaTaskSchema.parse(created);
}
