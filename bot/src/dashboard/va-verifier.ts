import { USER_TOKEN_REJECTED, type VaIdentity } from '@sbf-chatwoot/shared';
import { createHash } from 'node:crypto';
import { HttpError } from '../http/errors.ts';
import type { Profile } from './chatwoot-user-client.ts';

const rejected = (status: number, message: string) => new HttpError(status, message, { code: USER_TOKEN_REJECTED });

/**
 * Who is acting: the owner of the VA's Chatwoot access token, as Chatwoot's profile endpoint
 * says, never the unsigned appContext. Profiles are cached briefly under a hash of the token,
 * so the token itself is kept nowhere.
 */
export function createVaVerifier(opts: {
  getProfile: (token: string) => Promise<Profile>;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}) {
  const ttl = opts.ttlMs ?? 60_000;
  const max = opts.maxEntries ?? 500;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { profile: Promise<Profile>; expires: number }>();

  function profileFor(token: string): Promise<Profile> {
    const key = createHash('sha256').update(token).digest('hex');
    const hit = cache.get(key);
    if (hit && hit.expires > now()) return hit.profile;
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    const profile = opts.getProfile(token);
    cache.set(key, { profile, expires: now() + ttl });
    // A failure is not remembered: the next request asks Chatwoot again.
    profile.catch(() => cache.delete(key));
    return profile;
  }

  return {
    /** The VA, when `token` belongs to a member of `accountId` and, if given, to `agentId`. */
    async verify(token: string | undefined, accountId: number, agentId?: number): Promise<VaIdentity> {
      if (!token) throw rejected(401, 'sign in with your Chatwoot access token to do this');
      const profile = await profileFor(token);
      if (!profile.accounts.some((a) => a.id === accountId)) {
        throw rejected(403, `this Chatwoot access token is not for a member of account ${accountId}`);
      }
      if (agentId !== undefined && profile.id !== agentId) {
        throw rejected(403, `this Chatwoot access token belongs to agent ${profile.id}, not to the agent signed in to Chatwoot (${agentId})`);
      }
      return { agentId: profile.id, name: profile.available_name || profile.name || `agent ${profile.id}` };
    },
  };
}
export type VaVerifier = ReturnType<typeof createVaVerifier>;
