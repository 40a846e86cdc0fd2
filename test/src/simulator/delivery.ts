import { createHmac, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeliverOptions, DeliverResult, DeliveryRecord } from './types.ts';

/**
 * Webhook transport as `lib/webhooks/trigger.rb` + `AgentBots::WebhookJob` do it
 * (AGENT-BOT.md §2): compact Rails JSON, signed over `timestamp.body`, 5 s timeout,
 * retries only on 429/500 with the same delivery id, 3 attempts in total.
 */

const RETRYABLE = new Set([429, 500]);
const MAX_ATTEMPTS = 3;

/** ActiveSupport's `to_json`: compact, with <, >, & (and U+2028/9) escaped; other non-ASCII stays UTF-8. */
export function railsJson(payload: unknown): string {
  return JSON.stringify(payload).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function signBody(secret: string, timestamp: string | number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export interface DelivererOptions {
  url: () => string | undefined;
  secret?: string;
  timeoutMs: number;
  retryWaitMs: number;
}

export interface DeliveryMeta {
  event: string;
  accountId?: number;
  conversationId?: number;
  deliveryId?: string;
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

export function createDeliverer(opts: DelivererOptions) {
  const deliveries: DeliveryRecord[] = [];
  /** Body of each queued delivery, so a duplicate can be re-sent byte for byte. */
  const bodies = new Map<string, { body: string; meta: DeliveryMeta }>();
  const inflight = new Set<Promise<unknown>>();
  const closing = new AbortController();
  // Every delivery in flight listens for close; many at once is normal under load.
  setMaxListeners(0, closing.signal);
  let seq = 0;

  function headers(deliveryId: string, body: string, o: DeliverOptions = {}): Record<string, string> {
    const h: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-Chatwoot-Delivery': deliveryId,
      // Each Sidekiq job opens its own connection (RestClient). A pooled keep-alive socket could be
      // the one the bot's server is closing as idle at that moment, and the delivery would fail on a
      // reset Chatwoot never sees.
      Connection: 'close',
    };
    const sign = o.sign ?? Boolean(opts.secret);
    if (!sign) return h;
    if (!opts.secret) throw new Error('simulator: cannot sign without webhookSecret');
    const ts = String(o.timestamp ?? Math.floor(Date.now() / 1000));
    h['X-Chatwoot-Timestamp'] = ts;
    h['X-Chatwoot-Signature'] = signBody(o.badSignature ? `${opts.secret}-wrong` : opts.secret, ts, body);
    return h;
  }

  async function postOnce(url: string, body: string, h: Record<string, string>): Promise<DeliverResult> {
    const started = performance.now();
    // A plain controller + timer: signals from AbortSignal.any/timeout can be collected
    // before they fire on Node 20, which made timeouts flaky.
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, opts.timeoutMs);
    const onClose = () => abort.abort();
    closing.signal.addEventListener('abort', onClose, { once: true });
    try {
      const res = await fetch(url, { method: 'POST', body, headers: h, signal: abort.signal });
      return { status: res.status, body: await res.text(), ms: performance.now() - started };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      const error = timedOut ? 'timeout' : closing.signal.aborted ? 'aborted' : (e.cause?.code ?? e.message);
      return { status: 0, body: '', ms: performance.now() - started, error };
    } finally {
      clearTimeout(timer);
      closing.signal.removeEventListener('abort', onClose);
    }
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inflight.add(promise);
    void promise.finally(() => inflight.delete(promise)).catch(() => undefined);
    return promise;
  }

  /** What the Sidekiq job does: retry 429/500, give up on anything else. Null when no URL is set. */
  function send(payload: unknown, meta: DeliveryMeta): Promise<DeliveryRecord | null> {
    const url = opts.url();
    if (!url) return Promise.resolve(null);
    return track(runJob(url, payload, meta));
  }

  async function runJob(url: string, payload: unknown, meta: DeliveryMeta): Promise<DeliveryRecord> {
    const record: DeliveryRecord = {
      seq: ++seq,
      at: Date.now(),
      event: meta.event,
      deliveryId: meta.deliveryId ?? randomUUID(),
      status: 0,
      ms: 0,
      attempts: 0,
      accountId: meta.accountId,
      conversationId: meta.conversationId,
    };
    const body = railsJson(payload);
    bodies.set(record.deliveryId, { body, meta });
    const started = performance.now();
    for (;;) {
      record.attempts++;
      // Timestamp and signature are regenerated per attempt; the delivery id is not.
      const res = await postOnce(url, body, headers(record.deliveryId, body));
      record.status = res.status;
      record.error = res.error;
      record.response = res.body;
      if (!RETRYABLE.has(res.status) || record.attempts >= MAX_ATTEMPTS) break;
      const waited = await sleep(opts.retryWaitMs, true, { signal: closing.signal }).catch(() => false);
      if (!waited) {
        record.error = 'aborted';
        break;
      }
    }
    record.ms = performance.now() - started;
    deliveries.push(record);
    return record;
  }

  /** One raw POST with Chatwoot's headers, for tests that need exact control (no retry). */
  async function raw(payload: unknown, o: DeliverOptions = {}): Promise<DeliverResult> {
    const url = opts.url();
    if (!url) throw new Error('simulator: no bot webhook URL set');
    const body = o.rawBody ?? railsJson(payload);
    const deliveryId = o.deliveryId ?? randomUUID();
    const event = (payload as { event?: unknown } | null)?.event;
    const at = Date.now();
    const res = await track(postOnce(url, body, headers(deliveryId, body, o)));
    deliveries.push({
      seq: ++seq,
      at,
      event: typeof event === 'string' ? event : 'unknown',
      deliveryId,
      status: res.status,
      ms: res.ms,
      attempts: 1,
      ...(res.error ? { error: res.error } : {}),
    });
    return res;
  }

  /**
   * Sends an earlier delivery again, same body and X-Chatwoot-Delivery, freshly signed: what a
   * Sidekiq retry looks like to the bot. One attempt, recorded like the original.
   */
  async function redeliver(deliveryId: string): Promise<DeliverResult> {
    const url = opts.url();
    const sent = bodies.get(deliveryId);
    if (!url) throw new Error('simulator: no bot webhook URL set');
    if (!sent) throw new Error(`simulator: no delivery ${deliveryId} to send again`);
    const at = Date.now();
    const res = await track(postOnce(url, sent.body, headers(deliveryId, sent.body)));
    deliveries.push({
      seq: ++seq,
      at,
      event: sent.meta.event,
      deliveryId,
      status: res.status,
      ms: res.ms,
      attempts: 1,
      accountId: sent.meta.accountId,
      conversationId: sent.meta.conversationId,
      response: res.body,
      ...(res.error ? { error: res.error } : {}),
    });
    return res;
  }

  /** Resolves once no delivery is in flight, including ones started while waiting. */
  async function idle(): Promise<void> {
    while (inflight.size) await Promise.allSettled([...inflight]);
  }

  return {
    deliveries,
    send,
    raw,
    redeliver,
    idle,
    track,
    isClosing: () => closing.signal.aborted,
    close: () => closing.abort(),
  };
}

export type Deliverer = ReturnType<typeof createDeliverer>;
