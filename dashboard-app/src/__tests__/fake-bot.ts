import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}
type Handler = (call: BotCall) => { status?: number; body: unknown } | undefined;

/** A stand-in for the bot's /api/dashboard on 127.0.0.1: records calls, answers from `handlers`. */
export async function startFakeBot(handlers: Record<string, Handler>) {
  const calls: BotCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const call = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined };
      calls.push(call);
      const key = `${call.method} ${call.path.split('?')[0]}`;
      const reply = handlers[key]?.(call) ?? { status: 404, body: { error: `no fake for ${key}` } };
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/api/dashboard`,
    calls,
    handlers,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type FakeBot = Awaited<ReturnType<typeof startFakeBot>>;

export const PANEL = {
  accountId: 1,
  conversationId: 27,
  client: { uid: 'va-client-acme-001', title: 'Acme Cloud', timeZone: 'America/New_York', firstResponseMinutes: 30, resolutionHours: 24 },
  task: {
    uid: 'va-task-acme-001',
    title: 'Chatwoot #27: cannot log in',
    status: 'todo',
    priority: 'high',
    assignedTo: 'alice',
    escalatedAt: '2026-07-20T10:00:00.000Z',
    firstResponseAt: null,
    firstResponseDueAt: '2026-07-20T10:30:00.000Z',
    reason: 'the message matches the "login" rule',
  },
  notice: null,
};

export const SOP = {
  uid: 'va-sop-acme-password-reset-001',
  title: 'Reset your password',
  answer: 'Choose **Forgot password** on the sign-in page.',
  body: '## Answer\nChoose **Forgot password**.\n\n## Internal\nCheck the admin console.',
  score: 12.5,
  coverage: 0.67,
  matched: ['password', 'reset'],
  from: "Hi, I can't log in. Can you reset my password?",
};

/** Past questions as the bot lists them: one a VA taught (it can be forgotten), one from the agency's files. */
export const PAST_LEARNED = {
  text: "Hi, I can't log in. Can you reset my password?",
  similarity: 0.62,
  answeredBy: { uid: 'va-sop-acme-password-reset-001', title: 'Reset your password' },
  why: null,
  learned: { id: 12, at: '2026-07-20T10:10:00.000Z' },
};
export const PAST_FROM_FILE = { text: 'the reset email never arrives', similarity: 0.3, answeredBy: null, why: 'unknown', learned: null };
