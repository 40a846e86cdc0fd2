import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { errorMiddleware, HttpError } from './http/errors.ts';
import type { Queue } from './store/queue.ts';
import { mountWebhook, type WebhookOptions } from './webhook/route.ts';

export interface AppDeps {
  config: Config;
  queue: Queue;
  log: Logger;
  onQueued: WebhookOptions['onQueued'];
  /**
   * Extra middleware mounted before the other routes (e.g. access logs). The webhook route comes
   * first and logs its own refusals: acknowledged deliveries arrive by the thousand and each job
   * logs its outcome, so they get no access line (and do not pay for one).
   */
  before?: express.RequestHandler[];
  /** `/app` and `/api/dashboard/*` (bot/src/dashboard/router.ts). */
  dashboard?: express.Router;
  /** `POST /admin/publish-sops` (bot/src/publish/route.ts). */
  publish?: express.Router;
}

/** Builds the HTTP app; never listens, so tests and main.ts decide where it runs. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  mountWebhook(app, {
    secret: deps.config.webhook.secret,
    maxAgeSeconds: deps.config.webhook.maxAgeSeconds,
    maxBytes: deps.config.webhook.maxBytes,
    queue: deps.queue,
    onQueued: deps.onQueued,
    log: deps.log,
  });
  for (const mw of deps.before ?? []) app.use(mw);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, jobs: deps.queue.counts() });
  });
  if (deps.dashboard) app.use(deps.dashboard);
  if (deps.publish) app.use(deps.publish);
  app.use((req, _res, next) => next(new HttpError(404, `no route for ${req.method} ${req.path}`)));
  app.use(errorMiddleware(deps.log));
  return app;
}
