import type { AgentBotEvent } from '@sbf-chatwoot/shared';
import express, { Router, type ErrorRequestHandler } from 'express';
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

export function webhookRouter(opts: WebhookOptions): Router {
  const router = Router();
  // Deliveries that arrive in the same event-loop turn share one commit; each is acknowledged after it.
  const enqueue = groupCommit(opts.queue.enqueueMany);
  router.post(
    '/chatwoot/webhook',
    (req, _res, next) => next(req.is('application/json') ? undefined : new HttpError(415, 'expected Content-Type: application/json')),
    // Raw bytes: the signature covers the body exactly as Chatwoot sent it.
    express.raw({ type: () => true, limit: opts.maxBytes }),
    async (req, res) => {
      const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
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
        res.status(200).json({ status: result.status, job: result.job });
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
  router.use('/chatwoot/webhook', logRefusal);
  return router;
}
