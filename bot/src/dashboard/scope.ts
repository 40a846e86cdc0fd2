import {
  conversationSchema,
  vaTaskSchema,
  type Conversation,
  type ConversationPanel,
  type ConversationView,
  type VaTask,
} from '@sbf-chatwoot/shared';
import type { HandlerContext } from '../handlers/context.ts';
import { HttpError } from '../http/errors.ts';
import type { ClientSetup } from '../sbf/directory.ts';
import type { ConversationRow } from '../store/conversations.ts';
import type { ConversationReader } from './conversation-reader.ts';

/** One conversation as the dashboard may see it: everything re-read server-side, nothing from appContext. */
export interface Scope {
  accountId: number;
  conversationId: number;
  /** Chatwoot's view (bot token); null on Chatwoot older than 4.14.2, where bots cannot read. */
  view: ConversationView | null;
  conversation: Conversation | null;
  row: ConversationRow | undefined;
  setup: ClientSetup | undefined;
  task: VaTask | null;
  notice: string | null;
}

/** The task linked to the conversation, if it belongs to this account's client. */
async function linkedTask(ctx: HandlerContext, s: Omit<Scope, 'task' | 'notice'>): Promise<Pick<Scope, 'task' | 'notice'>> {
  const clientUid = s.setup?.support.client_uid;
  const attr = s.view?.custom_attributes.sbf_task_uid;
  const uid = typeof attr === 'string' && attr ? attr : s.row?.task_uid;
  const raw = uid
    ? await ctx.sbf.get(uid)
    : clientUid
      ? (await ctx.sbf.query({ type: 'va.task', client_uid: clientUid })).find((t) => {
          const m = (t as Partial<VaTask>).metadata;
          return m?.account_id === s.accountId && m?.conversation_id === s.conversationId;
        })
      : undefined;
  if (!raw) return { task: null, notice: uid ? `The linked task ${uid} is not in SBF.` : null };
  const task = vaTaskSchema.safeParse(raw);
  if (!task.success) return { task: null, notice: `The linked task ${raw.uid} is not a valid va.task.` };
  const account = task.data.metadata?.account_id;
  // Custom attributes are editable by any agent: never follow a link across clients.
  if (task.data.client_uid !== clientUid || (account !== undefined && account !== s.accountId)) {
    ctx.log.warn({ task: task.data.uid, accountId: s.accountId }, 'dashboard: linked task belongs to another client; not shown');
    return { task: null, notice: 'The task linked to this conversation belongs to another client and is not shown.' };
  }
  return { task: task.data, notice: null };
}

export async function loadScope(ctx: HandlerContext, reader: ConversationReader, accountId: number, conversationId: number): Promise<Scope> {
  const view = await reader.read(accountId, conversationId);
  const row = ctx.conversations.get(accountId, conversationId);
  const parsed = view ? conversationSchema.safeParse({ ...view, messages: [] }) : undefined;
  const conversation = parsed?.success ? parsed.data : null;
  const found = conversation
    ? ctx.directory.resolve(accountId, conversation.inbox_id)
    : row?.client_uid
      ? ctx.directory.byClient(row.client_uid)
      : ctx.directory.resolve(accountId);
  const setup = found?.support.chatwoot_account_id === accountId ? found : undefined;
  const base = { accountId, conversationId, view, conversation, row, setup };
  return { ...base, ...(await linkedTask(ctx, base)) };
}

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

export function toPanel(s: Scope): ConversationPanel {
  const client = s.setup?.client;
  const minutes = client?.sla?.first_response_minutes ?? null;
  const t = s.task;
  const escalatedAt = t ? (t.escalated_at ?? iso(s.row?.escalated_at)) : null;
  return {
    accountId: s.accountId,
    conversationId: s.conversationId,
    client: s.setup
      ? {
          uid: s.setup.support.client_uid,
          title: client?.title ?? client?.company ?? s.setup.support.client_uid,
          timeZone: client?.time_zone ?? null,
          firstResponseMinutes: minutes,
          resolutionHours: client?.sla?.resolution_hours ?? null,
        }
      : null,
    task: t
      ? {
          uid: t.uid,
          title: t.title,
          status: t.status,
          priority: t.priority,
          assignedTo: t.assigned_to ?? null,
          escalatedAt,
          firstResponseAt: t.first_response_at ?? null,
          firstResponseDueAt: escalatedAt && minutes !== null ? iso(Date.parse(escalatedAt) + minutes * 60_000) : null,
          reason: s.row?.escalation_reason ?? null,
        }
      : null,
    notice: s.notice,
  };
}

/** The client of the conversation, or a 409 the VA can act on. */
export function requireSetup(s: Scope): ClientSetup {
  if (!s.setup) throw new HttpError(409, `no va.customer_support note in SBF covers account ${s.accountId} and this inbox`);
  return s.setup;
}

export function requireTask(s: Scope): VaTask {
  if (!s.task) throw new HttpError(409, 'this conversation has no SBF task yet: escalate it first');
  return s.task;
}

/** The customer's messages in the conversation as Chatwoot returned them, oldest first. */
export function customerMessagesOf(s: Scope): Array<{ content?: unknown }> {
  const messages = (s.view?.messages ?? []) as Array<{ content?: unknown; message_type?: unknown; private?: unknown }>;
  return messages.filter((m) => (m.message_type === 0 || m.message_type === 'incoming') && !m.private);
}

/** The widget's browser language, for messages too short to detect. */
export function languageHint(s: Scope): string | undefined {
  const lang = s.conversation?.additional_attributes.browser_language;
  return typeof lang === 'string' ? lang : undefined;
}
