import express, { Router } from 'express';
import type { Logger } from 'pino';
import { HttpError } from '../http/errors.ts';
import type { Queue } from '../store/queue.ts';
import { intake } from './intake.ts';
import { verifySignature } from './signature.ts';

export interface WebhookOptions {
  secret?: string;
  maxAgeSeconds: number;
  maxBytes: number;
  queue: Queue;
  onQueued: () => void;
  log: Logger;
}

export function webhookRouter(opts: WebhookOptions): Router {
  const router = Router();
  router.post(
    '/chatwoot/webhook',
    (req, _res, next) => next(req.is('application/json') ? undefined : new HttpError(415, 'expected Content-Type: application/json')),
    // Raw bytes: the signature covers the body exactly as Chatwoot sent it.
    express.raw({ type: () => true, limit: opts.maxBytes }),
    (req, res) => {
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
      const result = intake(opts.queue, rawBody, req.get('x-chatwoot-delivery'));
      if (result.status === 'queued') opts.onQueued();
      else opts.log.debug(result, 'webhook not queued');
      res.status(200).json(result);
    },
  );
  return router;
}
