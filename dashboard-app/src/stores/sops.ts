import type { SopSuggestion } from '@sbf-chatwoot/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as api from '../api/dashboard.ts';
import { errorMessage } from '../api/http.ts';
import { useConversationStore } from './conversation.ts';

type Status = 'idle' | 'loading' | 'ready' | 'error';

/** SOPs for the conversation's latest customer messages, and the VA's own search. */
export const useSopsStore = defineStore('sops', () => {
  const conversation = useConversationStore();
  const suggestions = ref<SopSuggestion[]>([]);
  const suggestStatus = ref<Status>('idle');
  const suggestError = ref<string | null>(null);
  const query = ref('');
  const results = ref<SopSuggestion[]>([]);
  const searchStatus = ref<Status>('idle');
  const searchError = ref<string | null>(null);

  async function suggest() {
    const { accountId, conversationId } = conversation;
    if (accountId === null || conversationId === null) return;
    suggestStatus.value = 'loading';
    suggestError.value = null;
    try {
      suggestions.value = (await api.getSuggestions(accountId, conversationId, conversation.customerTexts)).sops;
      suggestStatus.value = 'ready';
    } catch (err) {
      suggestStatus.value = 'error';
      suggestError.value = errorMessage(err);
    }
  }

  async function search(q: string) {
    const { accountId, conversationId } = conversation;
    query.value = q.trim();
    if (!query.value || accountId === null || conversationId === null) {
      results.value = [];
      searchStatus.value = 'idle';
      return;
    }
    searchStatus.value = 'loading';
    searchError.value = null;
    try {
      results.value = (await api.searchSops(accountId, conversationId, query.value)).sops;
      searchStatus.value = 'ready';
    } catch (err) {
      searchStatus.value = 'error';
      searchError.value = errorMessage(err);
    }
  }

  return { suggestions, suggestStatus, suggestError, query, results, searchStatus, searchError, suggest, search };
});
