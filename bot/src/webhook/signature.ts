import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../http/errors.ts';

/** `sha256=` + hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`), as Chatwoot ≥ 4.13 signs. */
export function sign(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function verifySignature(opts: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer;
  maxAgeSeconds: number;
  nowSeconds: number;
}): void {
  const { signature, timestamp } = opts;
  if (!signature || !timestamp) throw new HttpError(401, 'missing X-Chatwoot-Signature or X-Chatwoot-Timestamp');
  if (!/^\d{1,12}$/.test(timestamp)) throw new HttpError(401, 'malformed X-Chatwoot-Timestamp');
  if (Math.abs(opts.nowSeconds - Number(timestamp)) > opts.maxAgeSeconds) {
    throw new HttpError(401, 'X-Chatwoot-Timestamp outside the accepted window (replay?)');
  }
  const expected = Buffer.from(sign(opts.secret, timestamp, opts.rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, 'signature mismatch');
  }
}
