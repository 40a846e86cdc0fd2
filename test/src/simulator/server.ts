import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authorize, resolveAuth, type AuthInfo } from './auth.ts';
import type { Emitter } from './emitter.ts';
import { faultResponse, type createFaults } from './faults.ts';
import type { RouteContext, RouteResult } from './route-kit.ts';
import { findRoute } from './routes.ts';
import type { SimState } from './state.ts';
import type { RequestCheck, SwaggerValidator } from './swagger-validator.ts';
import type { RecordedCall } from './types.ts';

export interface ServerDeps {
  state: SimState;
  emit: Emitter;
  validator: SwaggerValidator;
  faults: ReturnType<typeof createFaults>;
  calls: RecordedCall[];
  /** Non-API pages (the demo's conversation view); true when it answered. */
  ui?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

interface Incoming {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  token: string | undefined;
  accountId: number | null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  const type = typeof body === 'string' || body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' };
  res.writeHead(status, { ...type, ...headers }).end(text);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Chatwoot's pipeline: routing, token auth + bot allow-list, account check, Pundit, controller. */
function dispatch(deps: ServerDeps, input: Incoming, auth: AuthInfo, check: RequestCheck): RouteResult {
  const found = findRoute(input.method, input.path);
  const documented = Boolean(check.operationId || check.knownGap);
  if (!found && !documented) return { status: 404, body: { error: 'Resource could not be found' } };
  const rejected = authorize(deps.state, auth, input.method, input.path, input.accountId);
  if (rejected) return rejected;
  if (!found) return { status: 501, body: { error: `not implemented by the Chatwoot simulator: ${input.method} ${input.path}` } };
  if (found.route.adminOnly && auth.user?.role !== 'administrator') {
    return { status: 401, body: { error: 'You are not authorized to do this action' } };
  }
  const body = input.body && typeof input.body === 'object' ? (input.body as Record<string, any>) : {};
  const ctx: RouteContext = {
    state: deps.state,
    emit: deps.emit,
    auth,
    token: input.token ?? '',
    // Only /api/v1/profile has no account, and its handler does not read it.
    account: deps.state.account(input.accountId ?? -1)!,
    params: found.params,
    query: input.query,
    body,
  };
  return found.route.handle(ctx);
}

export function createSimServer(deps: ServerDeps): Server {
  let seq = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const callSeq = ++seq;
    const url = new URL(req.url ?? '/', 'http://simulator');
    const raw = await readBody(req);
    let body: unknown;
    let badJson = false;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      badJson = true;
      body = raw;
    }
    const input: Incoming = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      token: header(req, 'api_access_token') ?? header(req, 'api-access-token'),
      accountId: Number(/^\/api\/v1\/accounts\/(\d+)/.exec(url.pathname)?.[1] ?? NaN) || null,
    };
    const auth = resolveAuth(deps.state, input.token);
    const check = badJson ? { errors: ['invalid JSON body'] } : deps.validator.validateRequest(input.method, input.path, body);
    const call: RecordedCall = {
      seq: callSeq,
      at,
      method: input.method,
      path: input.path,
      query: input.query,
      body: body ?? null,
      auth: auth.kind,
      accountId: input.accountId,
      status: 0,
      ...(check.operationId ? { operationId: check.operationId } : {}),
      validationErrors: check.errors,
    };
    const record = (status: number) => {
      call.status = status;
      if (res.destroyed || req.socket.destroyed) call.clientAborted = true;
      deps.calls.push(call);
    };

    const { delayMs, action } = deps.faults.decide(input.method, input.path);
    if (delayMs) await sleep(delayMs);
    if (action) call.fault = action.label;
    if (action?.kind === 'reset') {
      record(0);
      req.socket.destroy();
      return;
    }
    if (action) {
      const r = faultResponse(action.status, action.retryAfterSec);
      record(action.status);
      send(res, action.status, r.body, r.headers);
      return;
    }
    // Rails rejects unparsable JSON before any controller runs.
    const result = badJson ? { status: 400, body: { status: 400, error: 'Bad Request' } } : dispatch(deps, input, auth, check);
    record(result.status);
    send(res, result.status, result.body);
  }

  return createServer((req, res) => {
    if (deps.ui?.(req, res)) return;
    handle(req, res).catch((err: Error) => {
      // A bug in the simulator must not look like a Chatwoot answer: say so in the body.
      deps.calls.push({
        seq: ++seq,
        at: Date.now(),
        method: req.method ?? '',
        path: req.url ?? '',
        query: {},
        body: null,
        auth: 'none',
        accountId: null,
        status: 500,
        validationErrors: [`simulator error: ${err.message}`],
      });
      send(res, 500, { error: `simulator error: ${err.message}` });
    });
  });
}
