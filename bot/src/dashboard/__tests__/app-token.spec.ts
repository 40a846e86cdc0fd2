import { describe, expect, it } from 'vitest';
import { frameUrl, issueAppToken, verifyAppToken } from '../app-token.ts';

const SECRET = 'a'.repeat(32);

describe('app token', () => {
  it('when a token is issued, then it verifies to its account', () => {
    const token = issueAppToken(SECRET, 12, new Date('2026-07-20T10:00:00Z'));
    expect(verifyAppToken(SECRET, token)).toEqual({ acc: 12, iat: 1784541600 });
  });

  it('when the claims are edited to another account, then the signature no longer matches', () => {
    const [prefix, , mac] = issueAppToken(SECRET, 1).split('.');
    const forged = Buffer.from(JSON.stringify({ acc: 2, iat: 0 })).toString('base64url');
    expect(() => verifyAppToken(SECRET, `${prefix}.${forged}.${mac}`)).toThrow(/signature/);
  });

  it.each(['', 'abc', 'sbfa1.x', 'sbfa1.x.y.z', 'other.eyJ9.abc'])('when the token is "%s", then it is malformed', (token) => {
    expect(() => verifyAppToken(SECRET, token)).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('when a URL is built, then the token sits in the fragment, never the query', () => {
    const url = new URL(frameUrl('https://bot.example', 'sbfa1.a.b'));
    expect(url.search).toBe('');
    expect(url.hash).toBe('#token=sbfa1.a.b');
    expect(url.pathname).toBe('/app/');
  });
});
