import type { PastQuestion } from '@sbf-chatwoot/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as api from '../api/dashboard.ts';
import { errorMessage } from '../api/http.ts';
import { useConversationStore } from './conversation.ts';
import { useSessionStore } from './session.ts';

type Status = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The client's past questions most like the customer's latest message, as the bot weighs them
 * (ADR 016), and forgetting one a VA answered wrongly.
 */
export const usePastQuestionsStore = defineStore('pastQuestions', () => {
  const conversation = useConversationStore();
  const session = useSessionStore();
  const question = ref<string | null>(null);
  const items = ref<PastQuestion[]>([]);
  const status = ref<Status>('idle');
  const error = ref<string | null>(null);
  /** The learned precedent being forgotten, and why the last try failed. */
  const forgetting = ref<number | null>(null);
  const forgetError = ref<string | null>(null);

  async function load() {
    const { accountId, conversationId } = conversation;
    if (accountId === null || conversationId === null) return;
    status.value = 'loading';
    error.value = null;
    try {
      const list = await api.getPastQuestions(accountId, conversationId, conversation.customerTexts);
      question.value = list.question;
      items.value = list.items;
      status.value = 'ready';
    } catch (err) {
      status.value = 'error';
      error.value = errorMessage(err);
    }
  }

  async function forget(id: number) {
    const { accountId, agentId } = conversation;
    if (accountId === null || agentId === null) return;
    forgetting.value = id;
    forgetError.value = null;
    try {
      await api.forgetPastQuestion(accountId, id, agentId);
      await load();
    } catch (err) {
      forgetError.value = session.handleActionError(err);
    } finally {
      forgetting.value = null;
    }
  }

  return { question, items, status, error, forgetting, forgetError, load, forget };
});
