import {
  escalateRequestSchema,
  forgetPastQuestionRequestSchema,
  sendSopRequestSchema,
  suggestionsRequestSchema,
  taskNoteRequestSchema,
  taskStatusRequestSchema,
  USER_TOKEN_HEADER,
  type ConversationPanel,
  type DashboardSession,
  type ReportResponse,
} from '@sbf-chatwoot/shared';
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { HandlerContext } from '../handlers/context.ts';
import { HttpError } from '../http/errors.ts';
import { computeReport } from '../report/compute-report.ts';
import { addTaskNote, createKeyedLock, escalateFromDashboard, sendSopAnswer, setTaskStatus } from './actions.ts';
import { appAccountId, requireAppToken, requireSameAccount } from './auth.ts';
import type { ChatwootUserClient } from './chatwoot-user-client.ts';
import { createConversationReader } from './conversation-reader.ts';
import { pastQuestions } from './past-questions.ts';
import { customerMessagesOf, languageHint, loadScope, requireSetup, toPanel, type Scope } from './scope.ts';
import { staticApp } from './static-app.ts';
import { searchSops, suggestSops } from './suggestions.ts';
import { createVaVerifier } from './va-verifier.ts';

export interface DashboardDeps {
  ctx: Omit<HandlerContext, 'log'>;
  log: Logger;
  /** Unset: the app is still served, but its API answers 503. */
  appSecret: string | undefined;
  chatwootOrigin: string;
  userClient: ChatwootUserClient;
  distDir: string;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'invalid request', z.flattenError(r.error));
  return r.data;
}

const conversationIdOf = (req: Request) => parse(z.coerce.number().int().positive(), req.params.conversationId);

/**
 * The app-wide error middleware hides 5xx messages; a VA needs to read why an action failed
 * (Chatwoot down, dashboard disabled), so our own 5xx HttpErrors keep their message here.
 */
const sayWhy =
  (log: Logger): ErrorRequestHandler =>
  (err, _req, res, next) => {
    if (!(err instanceof HttpError) || err.status < 500) return next(err);
    log.warn({ status: err.status, error: err.message }, 'dashboard request failed');
    res.status(err.status).json({ error: err.message, ...(err.details === undefined ? {} : { details: err.details }) });
  };

/** The texts of the customer's messages as Chatwoot returned them, oldest first. */
const customerTextsOf = (s: Scope): string[] =>
  customerMessagesOf(s)
    .map((m) => m.content)
    .filter((c): c is string => typeof c === 'string');

/** `/app` (the built Vue app) and `/api/dashboard/*` (its JSON API). */
export function dashboardRouter(deps: DashboardDeps): Router {
  const router = Router();
  router.use('/app', staticApp(deps.distDir, deps.chatwootOrigin));
  const api = Router();
  router.use('/api/dashboard', api);
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  const secret = deps.appSecret;
  if (!secret) {
    deps.log.warn('APP_SECRET is not set: the dashboard API answers 503 until it is');
    api.use((_req, _res, next) => next(new HttpError(503, 'the dashboard is disabled: set APP_SECRET on the bot, then issue a token with `app-token`')));
    api.use(sayWhy(deps.log));
    return router;
  }

  const verifier = createVaVerifier({ getProfile: deps.userClient.getProfile });
  const lock = createKeyedLock();
  const reader = createConversationReader(deps.ctx.chatwoot);
  const ctxFor = (req: Request, res: Response): HandlerContext => ({
    ...deps.ctx,
    log: deps.log.child({ part: 'dashboard', accountId: appAccountId(res), conversationId: req.params.conversationId }),
  });
  const va = (req: Request, res: Response, agentId?: number) =>
    verifier.verify(req.get(USER_TOKEN_HEADER) || undefined, appAccountId(res), agentId);
  const scopeOf = (req: Request, res: Response) => loadScope(ctxFor(req, res), reader, appAccountId(res), conversationIdOf(req));
  /** Actions decide on a fresh read of Chatwoot, not on the shared one. */
  const freshScopeOf = (req: Request, res: Response) => {
    reader.forget(appAccountId(res), conversationIdOf(req));
    return scopeOf(req, res);
  };
  /** The panel after an action: the task re-read from SBF; Chatwoot's view is the action's own read. */
  const reply = async (req: Request, res: Response): Promise<ConversationPanel> => toPanel(await scopeOf(req, res));

  api.use(requireAppToken(secret), express.json({ limit: '64kb' }));
  api.get('/session', (_req, res) => {
    const session: DashboardSession = { accountId: appAccountId(res), chatwootOrigin: deps.chatwootOrigin };
    res.json(session);
  });

  /** Per client and per VA support figures, for the clients of the token's account only. */
  api.get('/report', (req, res) => {
    const since = parse(
      z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'since must be a date, YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), 'since is not a real date').optional(),
      req.query.since,
    );
    const sinceMs = since === undefined ? 0 : Date.parse(since);
    const accountId = appAccountId(res);
    const clients = new Set(
      deps.ctx.directory
        .all()
        .filter((s) => s.support.chatwoot_account_id === accountId)
        .map((s) => s.support.client_uid),
    );
    const rows = [...clients].flatMap((clientUid) => deps.ctx.tracking.list({ clientUid, since: sinceMs })).filter((r) => r.account_id === accountId);
    const body: ReportResponse = {
      period: { since: new Date(sinceMs).toISOString(), until: deps.ctx.now().toISOString() },
      clients: computeReport(rows, (uid) => deps.ctx.directory.byClient(uid)?.client?.title),
    };
    res.json(body);
  });

  const account = Router({ mergeParams: true });
  api.use('/accounts/:accountId', requireSameAccount, account);
  /** A VA takes back a precedent learned from a wrong answer: the bot stops deciding by it at once. */
  account.post('/past-questions/:id/forget', async (req, res) => {
    const id = parse(z.coerce.number().int().positive(), req.params.id);
    const { agentId } = parse(forgetPastQuestionRequestSchema, req.body);
    const who = await va(req, res, agentId);
    const entry = deps.ctx.learned?.get(id);
    // Another account's precedent is as unknown here as one that never was.
    if (!entry || deps.ctx.directory.byClient(entry.case.client_uid)?.support.chatwoot_account_id !== appAccountId(res)) {
      throw new HttpError(404, `no learned past question ${id} in this account`);
    }
    deps.ctx.learned!.forget(id);
    deps.log.info({ part: 'dashboard', precedent: id, clientUid: entry.case.client_uid, agentId: who.agentId }, 'a VA forgot a learned precedent');
    res.json({ forgotten: id });
  });
  account.get('/identity', async (req, res) => {
    res.json(await va(req, res, parse(z.coerce.number().int().positive().optional(), req.query.agentId)));
  });
  account.get('/canned-responses', async (req, res) => {
    await va(req, res);
    const search = typeof req.query.q === 'string' && req.query.q.trim() ? req.query.q.trim() : undefined;
    const items = await deps.userClient.listCannedResponses(appAccountId(res), req.get(USER_TOKEN_HEADER)!, search);
    res.json({ items });
  });

  const conv = Router({ mergeParams: true });
  account.use('/conversations/:conversationId', conv);
  conv.get('/', async (req, res) => {
    res.json(toPanel(await scopeOf(req, res)));
  });
  conv.post('/suggestions', async (req, res) => {
    const { texts } = parse(suggestionsRequestSchema, req.body ?? {});
    const s = await scopeOf(req, res);
    const setup = requireSetup(s);
    res.json({ sops: suggestSops(deps.ctx.sops, setup.support.client_uid, [...texts, ...customerTextsOf(s)], languageHint(s)) });
  });
  conv.post('/past-questions', async (req, res) => {
    const { texts } = parse(suggestionsRequestSchema, req.body ?? {});
    const s = await scopeOf(req, res);
    const setup = requireSetup(s);
    // What the VA sees is the app's latest; Chatwoot's own read stands in when the app sent none.
    const latest = (ts: string[]) => ts.filter((t) => t.trim()).at(-1);
    const question = latest(texts) ?? latest(customerTextsOf(s)) ?? null;
    res.json(pastQuestions(deps.ctx, setup.support.client_uid, question, languageHint(s)));
  });
  conv.get('/sops', async (req, res) => {
    const q = parse(z.string().trim().min(1).max(500), req.query.q);
    const s = await scopeOf(req, res);
    res.json({ sops: searchSops(deps.ctx.sops, requireSetup(s).support.client_uid, q, languageHint(s)) });
  });

  conv.post('/escalate', async (req, res) => {
    const body = parse(escalateRequestSchema, req.body);
    const who = await va(req, res, body.agentId);
    await escalateFromDashboard(ctxFor(req, res), await freshScopeOf(req, res), who, body.note);
    // The escalation wrote the task link into the conversation's custom attributes.
    res.json(toPanel(await freshScopeOf(req, res)));
  });
  conv.post('/task/status', async (req, res) => {
    const body = parse(taskStatusRequestSchema, req.body);
    const who = await va(req, res, body.agentId);
    await setTaskStatus(ctxFor(req, res), lock, await freshScopeOf(req, res), who, body.status);
    res.json(await reply(req, res));
  });
  conv.post('/task/notes', async (req, res) => {
    const body = parse(taskNoteRequestSchema, req.body);
    const who = await va(req, res, body.agentId);
    await addTaskNote(ctxFor(req, res), lock, await freshScopeOf(req, res), who, body.text);
    res.json(await reply(req, res));
  });
  conv.post('/replies', async (req, res) => {
    const body = parse(sendSopRequestSchema, req.body);
    await va(req, res, body.agentId);
    const messageId = await sendSopAnswer(ctxFor(req, res), lock, await freshScopeOf(req, res), body.sopUid);
    res.json({ messageId, panel: await reply(req, res) });
  });
  api.use(sayWhy(deps.log));
  return router;
}
