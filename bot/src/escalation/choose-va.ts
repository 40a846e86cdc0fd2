import type { VaCustomerSupport } from '@sbf-chatwoot/shared';

export interface VaChoice {
  handle?: string;
  agentId?: number;
  teamId?: number;
  why: string;
}

/**
 * Primary VA if available, else the first available backup, else the least-loaded assigned VA;
 * the client's Chatwoot team when no VA can be assigned by id.
 */
export function chooseVa(
  support: VaCustomerSupport,
  opts: { unavailable?: ReadonlySet<string>; openTasks?: ReadonlyMap<string, number> } = {},
): VaChoice {
  const ids = support.chatwoot_agent_ids ?? {};
  const available = (h: string) => !opts.unavailable?.has(h);
  const pick = (handle: string, why: string): VaChoice => ({
    handle,
    agentId: ids[handle],
    teamId: ids[handle] === undefined ? support.chatwoot_team_id : undefined,
    why,
  });

  const primary = support.primary_va;
  if (primary && available(primary)) return pick(primary, `${primary} is the client's primary VA`);
  const unavailableNote = primary ? `${primary} (primary) is unavailable` : 'no primary VA is set';
  const backup = support.backup_vas?.find(available);
  if (backup) return pick(backup, `${unavailableNote}; ${backup} is the first available backup`);
  const pool = support.assigned_vas.filter(available);
  if (pool.length) {
    const load = (h: string) => opts.openTasks?.get(h) ?? 0;
    const least = [...pool].sort((a, b) => load(a) - load(b) || a.localeCompare(b))[0]!;
    return pick(least, `${unavailableNote} and no backup is free; ${least} has the fewest open tasks (${load(least)})`);
  }
  return { teamId: support.chatwoot_team_id, why: `no VA is available; handed to the client's team` };
}
