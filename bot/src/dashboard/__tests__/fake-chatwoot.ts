import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

type Reply = { status: number; body?: unknown };
export type Route = (req: Recorded) => Reply | undefined;

/** A throwaway Chatwoot on 127.0.0.1 that records every request; routes are plain functions. */
export async function startFakeChatwoot(routes: Route[]) {
  const calls: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const call: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined };
      calls.push(call);
      const reply = routes.map((r) => r(call)).find(Boolean) ?? { status: 404, body: { error: 'Resource could not be found' } };
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `GET path` → body, for a given token header value (any token when omitted). */
export const on =
  (method: string, path: string | RegExp, reply: (req: Recorded) => Reply, token?: string): Route =>
  (req) => {
    const pathOnly = req.path.split('?')[0]!;
    if (req.method !== method || !(typeof path === 'string' ? pathOnly === path : path.test(pathOnly))) return undefined;
    if (token !== undefined && req.headers.api_access_token !== token) return { status: 401, body: { error: 'Invalid Access Token' } };
    return reply(req);
  };
