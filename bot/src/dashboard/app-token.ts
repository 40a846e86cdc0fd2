import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';

/**
 * The dashboard app's credential: `sbfa1.<claims>.<HMAC-SHA256>`, both parts base64url.
 * It names one Chatwoot account and nothing else; rotating APP_SECRET revokes every token.
 * It travels in the frame URL's fragment (never sent to a server or logged) and then as a
 * Bearer header.
 */
const PREFIX = 'sbfa1';
const claimsSchema = z.object({ acc: z.number().int().positive(), iat: z.number().int() });
export type AppTokenClaims = z.infer<typeof claimsSchema>;

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(`${PREFIX}.${body}`).digest('base64url');

export function issueAppToken(secret: string, accountId: number, now: Date = new Date()): string {
  const claims: AppTokenClaims = { acc: accountId, iat: Math.floor(now.getTime() / 1000) };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PREFIX}.${body}.${sign(secret, body)}`;
}

/** The claims of a token this secret signed; a 401 HttpError for anything else. */
export function verifyAppToken(secret: string, token: string): AppTokenClaims {
  const [prefix, body, mac, ...rest] = token.split('.');
  if (prefix !== PREFIX || !body || !mac || rest.length) throw new HttpError(401, 'malformed app token');
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new HttpError(401, 'app token signature does not match: issue a new one with `app-token`');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new HttpError(401, 'malformed app token');
  }
  const claims = claimsSchema.safeParse(json);
  if (!claims.success) throw new HttpError(401, 'malformed app token');
  return claims.data;
}

/** The URL an admin pastes into Chatwoot → Settings → Integrations → Dashboard Apps. */
export const frameUrl = (publicUrl: string, token: string) => `${publicUrl}/app/#token=${token}`;
