import type { CannedResponse } from '@sbf-chatwoot/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as api from '../api/dashboard.ts';
import { useSessionStore } from './session.ts';

/** The account's canned responses, read by the bot with the VA's own Chatwoot token. */
export const useCannedStore = defineStore('canned', () => {
  const session = useSessionStore();
  const items = ref<CannedResponse[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string | null>(null);

  async function load(q = '') {
    if (session.accountId === null || !session.identity) return;
    status.value = 'loading';
    error.value = null;
    try {
      items.value = (await api.listCannedResponses(session.accountId, q.trim() || undefined)).items;
      status.value = 'ready';
    } catch (err) {
      status.value = 'error';
      error.value = session.handleActionError(err);
    }
  }

  return { items, status, error, load };
});
