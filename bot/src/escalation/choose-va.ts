import type { VaCustomerSupport } from '@sbf-chatwoot/shared';

export interface VaChoice {
  handle?: string;
  agentId?: number;
  teamId?: number;
  why: string;
}

/** Chatwoot agent id → `availability_status` (online | busy | offline), or why it could not be read. */
export type AgentPresence = { ok: true; status: ReadonlyMap<number, string> } | { ok: false; error: string };

export interface VaChoiceInput {
  /** Out of office in the vault (`away_vas`). */
  unavailable?: ReadonlySet<string>;
  openTasks?: ReadonlyMap<string, number>;
  /** Unset when the bot has no user token: availability comes from the vault only. */
  presence?: AgentPresence;
  /** The VA a SOP step names for this case ("create a task for alice"): first choice when available. */
  named?: string;
}

/**
 * The VA a SOP step names for the case, if available; else the primary VA if available, else the
 * first available backup, else the least-loaded assigned VA; the client's Chatwoot team when nobody
 * is. Available = not in `away_vas` and, when Chatwoot presence is known, `online` there. `why`
 * (for the private note) names who was skipped and why.
 */
export function chooseVa(support: VaCustomerSupport, opts: VaChoiceInput = {}): VaChoice {
  const ids = support.chatwoot_agent_ids ?? {};
  const { presence } = opts;
  /** Why a VA cannot take it now; undefined when they can. A VA with no agent id has no presence. */
  const whyNot = (h: string): string | undefined => {
    if (opts.unavailable?.has(h)) return 'away (away_vas)';
    const id = ids[h];
    if (!presence?.ok || id === undefined) return undefined;
    const status = presence.status.get(id);
    if (status === 'online') return undefined;
    return status ? `${status} in Chatwoot` : 'not an agent of this Chatwoot account';
  };
  const available = (h: string) => !whyNot(h);
  const primary = support.primary_va;
  const skipped = (handles: string[]) =>
    handles
      .filter((h) => !available(h))
      .map((h) => `${h}${h === primary ? ' (primary)' : ''} is ${whyNot(h)}`)
      .join(', ');
  // When Chatwoot could not say who is online, the choice is the vault's alone: say so.
  const fallback = presence && !presence.ok ? `; Chatwoot presence unknown (${presence.error}), so only away_vas counted` : '';
  const team = new Set([...(primary ? [primary] : []), ...(support.backup_vas ?? []), ...support.assigned_vas]);
  const { named } = opts;
  const namedFree = named !== undefined && team.has(named) && available(named);
  // The usual order follows when the VA a SOP step names cannot take the case: say why.
  const passedOver = !named || namedFree ? '' : `${named}, named by the SOP, ${team.has(named) ? `is ${whyNot(named)}` : "is not one of the client's VAs"}; `;
  const pick = (handle: string, why: string): VaChoice => ({
    handle,
    agentId: ids[handle],
    teamId: ids[handle] === undefined ? support.chatwoot_team_id : undefined,
    why: `${passedOver}${why}${fallback}`,
  });
  const online = (h: string) => (presence?.ok && ids[h] !== undefined ? ' and online in Chatwoot' : '');

  if (namedFree) return pick(named, `the SOP's step names ${named} for this case${online(named)}`);
  if (primary && available(primary)) return pick(primary, `${primary} is the client's primary VA${online(primary)}`);
  const backups = support.backup_vas ?? [];
  const before = (list: string[]) => skipped([...(primary ? [primary] : []), ...list]) || 'no primary VA is set';
  const backup = backups.find(available);
  if (backup) {
    const note = before(backups.slice(0, backups.indexOf(backup)));
    return pick(backup, `${note}; ${backup} is the first available backup${online(backup)}`);
  }
  const pool = support.assigned_vas.filter(available);
  if (pool.length) {
    const load = (h: string) => opts.openTasks?.get(h) ?? 0;
    const least = [...pool].sort((a, b) => load(a) - load(b) || a.localeCompare(b))[0]!;
    return pick(least, `${before(backups)}, no backup is free; ${least} has the fewest open tasks (${load(least)})`);
  }
  return {
    teamId: support.chatwoot_team_id,
    why: `${passedOver}no VA is available (${skipped([...team]) || 'none is assigned'}); handed to the client's team${fallback}`,
  };
}
