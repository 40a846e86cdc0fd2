import type { VaCustomerSupport, VaTask } from '@sbf-chatwoot/shared';
import type { SbfStore } from '../sbf/store.ts';

const OPEN = new Set(['todo', 'in_progress', 'blocked', 'pending']);

/**
 * Who can take a new escalation: VAs listed in the support note's `away_vas` are out,
 * and each VA's load is their open tasks for this client in SBF.
 */
export async function vaLoad(sbf: SbfStore, support: VaCustomerSupport) {
  const tasks = (await sbf.query({ type: 'va.task', client_uid: support.client_uid })) as Partial<VaTask>[];
  const openTasks = new Map<string, number>();
  for (const t of tasks) {
    if (t.assigned_to && OPEN.has(String(t.status))) openTasks.set(t.assigned_to, (openTasks.get(t.assigned_to) ?? 0) + 1);
  }
  return { unavailable: new Set(support.away_vas ?? []), openTasks };
}
