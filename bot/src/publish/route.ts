import { publishSopsRequestSchema, type PublishReport } from '@sbf-chatwoot/shared';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import type { PublishOptions } from './publish-sops.ts';

export interface PublishRouterDeps {
  /** ADMIN_API_TOKEN. Unset: the endpoint answers 503. */
  apiToken: string | undefined;
  /** Why a real run cannot happen (no Chatwoot admin token); dry runs still work. */
  problem: string | undefined;
  publish: (opts: PublishOptions) => Promise<PublishReport>;
  log: Logger;
}

const PATH = '/admin/publish-sops';
const digest = (s: string) => createHash('sha256').update(s).digest();

/** 401 without a bearer token, 403 with a wrong one; compared in constant time. */
function requireBearer(secret: string): RequestHandler {
  const expected = digest(secret);
  return (req, res, next) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!m) {
      res.set('WWW-Authenticate', 'Bearer');
      return next(new HttpError(401, 'send Authorization: Bearer <ADMIN_API_TOKEN>'));
    }
    next(timingSafeEqual(digest(m[1]!), expected) ? undefined : new HttpError(403, 'that is not the ADMIN_API_TOKEN'));
  };
}

/** The app-wide error middleware hides 5xx messages; an operator needs to read why (503 = not configured). */
const sayWhy =
  (log: Logger): ErrorRequestHandler =>
  (err, _req, res, next) => {
    if (!(err instanceof HttpError) || err.status < 500) return next(err);
    log.warn({ status: err.status, error: err.message }, 'publish request refused');
    res.status(err.status).json({ error: err.message });
  };

/**
 * `POST /admin/publish-sops` with `{client_uid?, dry_run?}`: runs one publish and answers with
 * its report (200 even when some articles failed: read `failed`). One run at a time.
 */
export function publishRouter(deps: PublishRouterDeps): Router {
  const router = Router();
  let running = false;
  if (!deps.apiToken) {
    router.post(PATH, (_req, _res, next) => next(new HttpError(503, 'the publish endpoint is disabled: set ADMIN_API_TOKEN on the bot')));
  } else {
    router.post(PATH, requireBearer(deps.apiToken), express.json({ limit: '16kb' }), async (req, res) => {
      const parsed = publishSopsRequestSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw new HttpError(400, 'invalid request', z.flattenError(parsed.error));
      const { client_uid: clientUid, dry_run: dryRun = false } = parsed.data;
      if (!dryRun && deps.problem) throw new HttpError(503, deps.problem);
      if (running) throw new HttpError(409, 'a publish run is already in progress; try again when it has finished');
      running = true;
      try {
        res.json(await deps.publish({ clientUid, dryRun }));
      } finally {
        running = false;
      }
    });
  }
  router.use(PATH, sayWhy(deps.log));
  return router;
}
