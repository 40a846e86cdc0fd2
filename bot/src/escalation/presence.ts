import type { AgentPresenceItem } from '@sbf-chatwoot/shared';
import type { AgentPresence } from './choose-va.ts';

/** Presence changes by the minute; a burst of escalations in one account shares one read. */
const TTL_MS = 30_000;

/** "list agents: Chatwoot answered 503 {…}" → "Chatwoot answered 503": short enough for a private note. */
const shortReason = (err: unknown) =>
  String((err as Error)?.message ?? err)
    .replace(/^[^:]*:\s*/, '')
    .replace(/\s*[[{"].*$/s, '')
    .slice(0, 80);

/**
 * Chatwoot presence of each account's agents (GET /agents with the user token), cached per
 * account for 30 s. A failed read is not cached and comes back as `{ ok: false, error }`, so
 * the VA choice falls back to the vault and says so.
 */
export function createPresence(opts: { listAgents: (accountId: number) => Promise<AgentPresenceItem[]>; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const cache = new Map<number, { at: number; presence: Promise<AgentPresence> }>();
  return {
    forAccount(accountId: number): Promise<AgentPresence> {
      const hit = cache.get(accountId);
      if (hit && now() - hit.at < TTL_MS) return hit.presence;
      const entry = {
        at: now(),
        presence: opts.listAgents(accountId).then(
          (agents): AgentPresence => ({ ok: true, status: new Map(agents.map((a) => [a.id, a.availability_status ?? 'unknown'])) }),
          (err: unknown): AgentPresence => {
            if (cache.get(accountId) === entry) cache.delete(accountId);
            return { ok: false, error: shortReason(err) };
          },
        ),
      };
      cache.set(accountId, entry);
      return entry.presence;
    },
  };
}
export type Presence = ReturnType<typeof createPresence>;
