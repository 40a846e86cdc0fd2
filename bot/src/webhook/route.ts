import type { AgentBotEvent } from '@sbf-chatwoot/shared';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from 'pino';
import { HttpError } from '../http/errors.ts';
import { groupCommit } from '../store/group-commit.ts';
import type { Queue } from '../store/queue.ts';
import { intake } from './intake.ts';
import { verifySignature } from './signature.ts';

export interface WebhookOptions {
  secret?: string;
  maxAgeSeconds: number;
  maxBytes: number;
  queue: Queue;
  /** The job was committed; `event` is its body, already validated. */
  onQueued: (job: number, event: AgentBotEvent) => void;
  log: Logger;
}

/**
 * `POST /chatwoot/webhook`, mounted on the app itself rather than through a Router: it is the one
 * route hit a thousand times a second, and a nested router costs a dispatch per request.
 */
export function mountWebhook(app: Express, opts: WebhookOptions): void {
  // Deliveries that arrive in the same event-loop turn share one commit; each is acknowledged after it.
  const enqueue = groupCommit(opts.queue.enqueueMany);
  app.post(
    '/chatwoot/webhook',
    // Raw bytes: the signature covers the body exactly as Chatwoot sent it. Any other type is left unread.
    express.raw({ type: 'application/json', limit: opts.maxBytes }),
    async (req, res) => {
      // body-parser leaves the body unread for another type, or for a request with no body framing at all.
      if (!Buffer.isBuffer(req.body)) throw new HttpError(415, 'expected Content-Type: application/json');
      const rawBody: Buffer = req.body;
      if (opts.secret) {
        verifySignature({
          secret: opts.secret,
          signature: req.get('x-chatwoot-signature'),
          timestamp: req.get('x-chatwoot-timestamp'),
          rawBody,
          maxAgeSeconds: opts.maxAgeSeconds,
          nowSeconds: Math.floor(Date.now() / 1000),
        });
      }
      const result = await intake(enqueue, rawBody, req.get('x-chatwoot-delivery'));
      if (result.status === 'queued') {
        opts.onQueued(result.job, result.event);
        // The one answer sent a thousand times a second: written as is (no ETag, nothing to negotiate).
        const ack = `{"status":"queued","job":${result.job}}`;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': ack.length }).end(ack);
        return;
      }
      opts.log.debug(result, 'webhook not queued');
      res.status(200).json(result);
    },
  );
  // Refusals are logged here, with the delivery id (the app mounts this route before access logs);
  // the error middleware then answers them, and logs 5xx itself.
  const logRefusal: ErrorRequestHandler = (err, req, _res, next) => {
    const status = Number(err?.status ?? err?.statusCode) || 500;
    const delivery = req.get('x-chatwoot-delivery');
    if (status < 500) opts.log.warn({ status, err: String(err?.message ?? err), delivery }, 'webhook refused');
    next(err);
  };
  app.use('/chatwoot/webhook', logRefusal);
}
