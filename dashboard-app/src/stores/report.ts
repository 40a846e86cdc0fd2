import type { ReportResponse } from '@sbf-chatwoot/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import * as api from '../api/dashboard.ts';
import { errorMessage } from '../api/http.ts';

/** YYYY-MM-DD, `days` before today (UTC). */
export const daysAgo = (days: number, now = new Date()) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

/** The account's support report: per client and per VA, read by the bot from its own tracking. */
export const useReportStore = defineStore('report', () => {
  const report = ref<ReportResponse | null>(null);
  const since = ref(daysAgo(30));
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string | null>(null);

  async function load(from = since.value) {
    since.value = from;
    status.value = 'loading';
    error.value = null;
    try {
      report.value = await api.getReport(from || undefined);
      status.value = 'ready';
    } catch (err) {
      status.value = 'error';
      error.value = errorMessage(err);
    }
  }

  return { report, since, status, error, load };
});
