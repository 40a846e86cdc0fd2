import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimulator, type Simulator, type SimulatorOptions } from '../index.ts';

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  json: Record<string, any>;
}

/** A stand-in bot: records every webhook and answers with `status()` after `delayMs`. */
export async function startReceiver(opts: { status?: (n: number) => number; delayMs?: number } = {}) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, json: JSON.parse(raw) });
      if (opts.delayMs) await sleep(opts.delayMs);
      if (!res.destroyed) res.writeHead(opts.status?.(received.length) ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/chatwoot/webhook`,
    received,
    events: (event: string) => received.filter((r) => r.json.event === event),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const ACCOUNT_1 = { id: 1, botToken: 'bot-token-1', userToken: 'user-token-1', adminToken: 'admin-token-1' };
export const ACCOUNT_2 = { id: 2, name: 'Globex', botToken: 'bot-token-2' };

export function start(extra: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ accounts: [ACCOUNT_1, ACCOUNT_2], retryWaitMs: 20, ...extra });
}

/** A plain fetch to the simulator, returning status and parsed JSON (or text). */
export async function api(sim: Simulator, method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.api_access_token = token;
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = text;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (proxy error pages, Rack::Attack)
  }
  return { status: res.status, json, headers: res.headers };
}

export const conv = (display: number, account = 1) => `/api/v1/accounts/${account}/conversations/${display}`;

/** Every key path of a JSON value (array items and free-form custom_attributes collapsed). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, `${prefix}[]`));
  if (value && typeof value === 'object' && !prefix.endsWith('.custom_attributes')) {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...keyPaths(v, `${prefix}.${k}`)]);
  }
  return [];
}

/** The sorted set of key paths, to compare a built payload's shape with its fixture. */
export const shape = (value: unknown): string[] => [...new Set(keyPaths(value))].sort();
