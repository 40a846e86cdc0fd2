import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors.ts';
import { sign, verifySignature } from '../webhook/signature.ts';

const vector = JSON.parse(
  readFileSync(new URL('../../../../shared/chatwoot-contract/webhooks/_signature_example.json', import.meta.url), 'utf8'),
);
const ts = vector.headers['X-Chatwoot-Timestamp'] as string;
const base = {
  secret: vector.secret as string,
  timestamp: ts,
  rawBody: Buffer.from(vector.raw_body as string),
  maxAgeSeconds: 300,
  nowSeconds: Number(ts) + 10,
};

describe('webhook signature', () => {
  it('when signing the contract test vector, then the documented signature comes out', () => {
    expect(sign(vector.secret, ts, vector.raw_body)).toBe(vector.headers['X-Chatwoot-Signature']);
  });

  it('when the signature matches, then verification passes', () => {
    expect(() => verifySignature({ ...base, signature: vector.headers['X-Chatwoot-Signature'] })).not.toThrow();
  });

  it.each([
    ['a changed body', { rawBody: Buffer.from(vector.raw_body.replace('9001', '9002')) }],
    ['another secret', { secret: 'not-the-secret' }],
    ['a stale timestamp (replay)', { nowSeconds: Number(ts) + 301 }],
    ['no signature header', { signature: undefined }],
    ['a malformed timestamp', { timestamp: '12ab' }],
  ])('when given %s, then it is refused with 401', (_name, change) => {
    const attempt = () =>
      verifySignature({ ...base, signature: vector.headers['X-Chatwoot-Signature'], ...change } as Parameters<
        typeof verifySignature
      >[0]);
    expect(attempt).toThrow(HttpError);
    try {
      attempt();
    } catch (err) {
      expect((err as HttpError).status).toBe(401);
    }
  });
});
