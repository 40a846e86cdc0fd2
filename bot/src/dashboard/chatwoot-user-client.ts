import { cannedResponseSchema, USER_TOKEN_REJECTED } from '@sbf-chatwoot/shared';
import axios, { isAxiosError } from 'axios';
import { z } from 'zod';
import { toChatwootError } from '../chatwoot/errors.ts';
import { HttpError } from '../http/errors.ts';

/**
 * GET /api/v1/profile: who a user access token belongs to, and in which accounts. A strict
 * pick (z.object strips the rest): the profile echoes the token back as `access_token`, and
 * nothing we cache should hold it.
 */
export const profileSchema = z.object({
  id: z.number().int(),
  name: z.string().nullable().optional(),
  available_name: z.string().nullable().optional(),
  accounts: z.array(z.object({ id: z.number().int() })).default([]),
});
export type Profile = z.infer<typeof profileSchema>;

/**
 * Chatwoot calls made with a VA's own access token, which the Agent Bot token may not make
 * (profile, canned responses). Kept apart from the bot client: these tokens belong to people,
 * arrive per request, and are never retried or logged.
 */
export function createChatwootUserClient(opts: { baseUrl: string; timeoutMs: number }) {
  const http = axios.create({ baseURL: `${opts.baseUrl}/api/v1`, timeout: opts.timeoutMs, headers: { Accept: 'application/json' } });

  async function get<T>(what: string, url: string, token: string, schema: z.ZodType<T>, params?: Record<string, string>) {
    try {
      const res = await http.get<unknown>(url, { headers: { api_access_token: token }, params });
      return schema.parse(res.data);
    } catch (err) {
      if (isAxiosError(err) && err.response?.status === 401) {
        throw new HttpError(401, 'Chatwoot did not accept your access token: sign in again', { code: USER_TOKEN_REJECTED });
      }
      if (err instanceof z.ZodError) throw toChatwootError(new Error(`unexpected answer: ${err.issues[0]?.message}`), what);
      throw toChatwootError(err, what);
    }
  }

  return {
    /** Chatwoot answers 401 for an unknown token; callers map that to "sign in again". */
    getProfile: (token: string) => get('read profile', '/profile', token, profileSchema),
    listCannedResponses: (accountId: number, token: string, search?: string) =>
      get('list canned responses', `/accounts/${accountId}/canned_responses`, token, z.array(cannedResponseSchema), search ? { search } : undefined),
  };
}
export type ChatwootUserClient = ReturnType<typeof createChatwootUserClient>;
