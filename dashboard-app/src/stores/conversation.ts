import type { AppContext, ConversationPanel, TaskStatus } from '@sbf-chatwoot/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import * as api from '../api/dashboard.ts';
import { errorMessage } from '../api/http.ts';
import { useSessionStore } from './session.ts';

export type Action = 'escalate' | 'status' | 'note' | 'send';

/**
 * The open conversation: Chatwoot's (unsigned) context as hints for which conversation and
 * which agent, and the bot's panel as the truth about client and task.
 */
export const useConversationStore = defineStore('conversation', () => {
  const session = useSessionStore();
  const context = shallowRef<AppContext | null>(null);
  const panel = ref<ConversationPanel | null>(null);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string | null>(null);
  const busy = ref<Action | null>(null);
  const actionError = ref<string | null>(null);
  const lastAction = ref<string | null>(null);

  const accountId = computed(() => context.value?.data.conversation.account_id ?? session.accountId);
  const conversationId = computed(() => context.value?.data.conversation.id ?? null);
  const agentId = computed(() => context.value?.data.currentAgent.id ?? null);
  const theme = computed(() => context.value?.data.theme ?? null);
  /** The latest customer messages Chatwoot has loaded, oldest first. */
  const customerTexts = computed(() =>
    (context.value?.data.conversation.messages ?? [])
      .filter((m) => m.message_type === 0 && !m.private && typeof m.content === 'string' && m.content.trim())
      .map((m) => m.content as string)
      .slice(-5),
  );

  async function load() {
    if (accountId.value === null || conversationId.value === null) return;
    status.value = 'loading';
    error.value = null;
    try {
      panel.value = await api.getPanel(accountId.value, conversationId.value);
      status.value = 'ready';
    } catch (err) {
      panel.value = null;
      status.value = 'error';
      error.value = errorMessage(err);
    }
  }

  /** Chatwoot re-sends the same context on every fetch-info; reload only when it names another conversation. */
  async function setContext(next: AppContext) {
    const changed = next.data.conversation.id !== conversationId.value || next.data.conversation.account_id !== accountId.value;
    context.value = next;
    if (changed || status.value === 'error') await load();
  }

  async function act(action: Action, done: string, call: (a: number, c: number, agent: number) => Promise<ConversationPanel>) {
    if (accountId.value === null || conversationId.value === null || agentId.value === null) return false;
    busy.value = action;
    actionError.value = null;
    lastAction.value = null;
    try {
      panel.value = await call(accountId.value, conversationId.value, agentId.value);
      lastAction.value = done;
      return true;
    } catch (err) {
      actionError.value = session.handleActionError(err);
      return false;
    } finally {
      busy.value = null;
    }
  }

  const escalate = (note?: string) => act('escalate', 'Task created.', (a, c, agent) => api.escalate(a, c, agent, note));
  const setStatus = (next: TaskStatus) => act('status', `Status set to ${next}.`, (a, c, agent) => api.setTaskStatus(a, c, agent, next));
  const addNote = (text: string) => act('note', 'Note added to the task and to Chatwoot.', (a, c, agent) => api.addTaskNote(a, c, agent, text));
  const sendSop = (sopUid: string) =>
    act('send', 'Answer sent to the customer.', async (a, c, agent) => (await api.sendSop(a, c, agent, sopUid)).panel);

  return {
    context,
    panel,
    status,
    error,
    busy,
    actionError,
    lastAction,
    accountId,
    conversationId,
    agentId,
    theme,
    customerTexts,
    load,
    setContext,
    escalate,
    setStatus,
    addNote,
    sendSop,
  };
});
