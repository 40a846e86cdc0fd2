import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { createApp } from '../../app.ts';
import { createChatwootClient } from '../../chatwoot/client.ts';
import { loadConfig } from '../../config.ts';
import { createPrecedents, type LabelledCase } from '../../knowledge/precedents.ts';
import { createSopIndex } from '../../knowledge/sop-index.ts';
import { createDirectory } from '../../sbf/directory.ts';
import { openVaultStore } from '../../sbf/vault-store.ts';
import { createConversationStore } from '../../store/conversations.ts';
import { createLearnedPrecedents, createPrecedentStore } from '../../store/precedents.ts';
import { openDb } from '../../store/db.ts';
import { createQueue } from '../../store/queue.ts';
import { createTracking } from '../../store/tracking.ts';
import { issueAppToken } from '../app-token.ts';
import { createChatwootUserClient } from '../chatwoot-user-client.ts';
import { dashboardRouter } from '../router.ts';
import { on, startFakeChatwoot } from './fake-chatwoot.ts';

export const SECRET = 'test-secret-test-secret-test-secret-42';
export const NOW = new Date('2026-07-20T10:10:00.000Z');

const note = (dir: string, path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

/** Acme on account 1 (inbox 3, Sam = agent 7), Globex on account 2; conversation 27 has a task. */
function writeVault(dir: string) {
  note(dir, 'clients/acme/client.md', '---\nuid: va-client-acme-001\ntype: va.client\ntitle: Acme Cloud\ntime_zone: America/New_York\nsla: { first_response_minutes: 30, resolution_hours: 24 }\n---\n');
  note(
    dir,
    'clients/acme/support.md',
    '---\nuid: va-support-acme-001\ntype: va.customer_support\nclient_uid: va-client-acme-001\nchatwoot_account_id: 1\nchatwoot_inbox_ids: [3]\nassigned_vas: [alice]\nprimary_va: alice\nchatwoot_agent_ids: { alice: 7 }\n---\n',
  );
  note(
    dir,
    'clients/acme/sops/reset.md',
    '---\nuid: va-sop-acme-password-reset-001\ntype: va.sop\nclient_uid: va-client-acme-001\ntitle: Reset your password\nstatus: published\nlocale: en\ntags: [password, login, reset]\n---\n## Answer\nChoose **Forgot password** on the sign-in page.\n\n## Internal\nCheck the admin console first.\n',
  );
  note(
    dir,
    'clients/acme/sops/reset.es.md',
    '---\nuid: va-sop-acme-password-reset-es-001\ntype: va.sop\nclient_uid: va-client-acme-001\ntitle: Restablecer tu contraseña\nstatus: published\nlocale: es\ntags: [contraseña, acceso]\n---\n## Answer\nElige **Olvidé mi contraseña** en la página de acceso.\n',
  );
  note(
    dir,
    'clients/acme/sops/invoices.md',
    '---\nuid: va-sop-acme-invoices-001\ntype: va.sop\nclient_uid: va-client-acme-001\ntitle: Download your invoices\nstatus: published\nlocale: en\ntags: [invoice, billing]\n---\n## Answer\nGo to Settings → Billing → Invoices.\n',
  );
  note(
    dir,
    'clients/acme/tasks/va-task-acme-001.md',
    '---\nuid: va-task-acme-001\ntype: va.task\nclient_uid: va-client-acme-001\ntitle: "Chatwoot #27: cannot log in"\nstatus: todo\npriority: high\nassigned_to: alice\nescalated_at: "2026-07-20T10:00:00.000Z"\nmetadata: { account_id: 1, conversation_id: 27 }\n---\nEscalated by the Chatwoot bot.\n',
  );
  note(dir, 'clients/globex/client.md', '---\nuid: va-client-globex-001\ntype: va.client\ntitle: Globex\n---\n');
  note(
    dir,
    'clients/globex/support.md',
    '---\nuid: va-support-globex-001\ntype: va.customer_support\nclient_uid: va-client-globex-001\nchatwoot_account_id: 2\nchatwoot_inbox_ids: [9]\nassigned_vas: [zoe]\n---\n',
  );
  note(
    dir,
    'clients/globex/tasks/va-task-globex-001.md',
    '---\nuid: va-task-globex-001\ntype: va.task\nclient_uid: va-client-globex-001\ntitle: Globex secret task\nstatus: todo\npriority: normal\nmetadata: { account_id: 2, conversation_id: 5 }\n---\n',
  );
}

const conversation = (id: number, extra: Record<string, unknown>) => ({
  id,
  inbox_id: 3,
  status: 'open',
  priority: null,
  channel: 'Channel::WebWidget',
  custom_attributes: {},
  additional_attributes: { browser_language: 'en' },
  labels: [],
  meta: { sender: { id: 42, name: 'Jane Doe', email: 'jane@example.com' } },
  messages: [],
  ...extra,
});

const incoming = (id: number, content: string) => ({ id, content, message_type: 0, private: false, created_at: 1784541600 });

export const PROFILES: Record<string, { id: number; available_name: string; accounts: Array<{ id: number }> }> = {
  'tok-sam': { id: 7, available_name: 'Sam Rivera', accounts: [{ id: 1 }] },
  'tok-bob': { id: 8, available_name: 'Bob', accounts: [{ id: 1 }] },
  'tok-globex': { id: 9, available_name: 'Zoe', accounts: [{ id: 2 }] },
};

/** The real createApp + dashboard router over a vault on disk and a fake Chatwoot. */
export async function startWorld(opts: { appSecret?: string | null; precedents?: LabelledCase[] } = {}) {
  const conversations = new Map<number, any>([
    [27, conversation(27, { custom_attributes: { sbf_task_uid: 'va-task-acme-001' }, messages: [incoming(9001, "Hi, I can't log in. Can you reset my password?")] })],
    [28, conversation(28, { status: 'pending', messages: [incoming(9101, 'Where can I download my invoices?')] })],
    [29, conversation(29, { custom_attributes: { sbf_task_uid: 'va-task-globex-001' } })],
  ]);
  let nextMessage = 5000;
  const chatwoot = await startFakeChatwoot([
    on('GET', /^\/api\/v1\/accounts\/1\/conversations\/\d+$/, (req) => {
      const c = conversations.get(Number(req.path.split('/').pop()));
      return c ? { status: 200, body: c } : { status: 404, body: { error: 'Resource could not be found' } };
    }, 'bot-1'),
    on('POST', /\/messages$/, () => ({ status: 200, body: { id: ++nextMessage } }), 'bot-1'),
    on('POST', /\/custom_attributes$/, (req) => {
      conversations.get(Number(req.path.split('/')[6]))!.custom_attributes = req.body.custom_attributes;
      return { status: 200, body: { custom_attributes: req.body.custom_attributes } };
    }, 'bot-1'),
    on('POST', /\/(assignments|toggle_status)$/, () => ({ status: 200, body: {} }), 'bot-1'),
    on('GET', '/api/v1/profile', (req) => {
      const p = PROFILES[String(req.headers.api_access_token)];
      return p ? { status: 200, body: p } : { status: 401, body: { error: 'Invalid Access Token' } };
    }),
    on('GET', '/api/v1/accounts/1/canned_responses', () => ({
      status: 200,
      body: [{ id: 3, account_id: 1, short_code: 'reset', content: 'Hi {{contact.first_name}}, use Forgot password.' }],
    })),
  ]);

  const dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
  writeVault(join(dir, 'vault'));
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><meta name="chatwoot-origin" content="" /><div id="app"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');

  const lines: string[] = [];
  const log: Logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const config = loadConfig({ CHATWOOT_BASE_URL: chatwoot.url, CHATWOOT_BOT_TOKEN: 'bot-1', CHATWOOT_DASHBOARD_ORIGIN: 'https://chat.example.com' });
  const db = openDb(join(dir, 'data'));
  const sbf = openVaultStore(join(dir, 'vault'), log, () => NOW);
  // As main.ts builds them: the agency's files (here `opts.precedents`), then what VAs settled.
  const precedentStore = createPrecedentStore(db, () => NOW.getTime());
  const precedents = createPrecedents(opts.precedents ?? []);
  const ctx = {
    precedents,
    learned: createLearnedPrecedents(precedentStore, precedents),
    chatwoot: createChatwootClient({ baseUrl: chatwoot.url, tokenFor: () => 'bot-1', timeoutMs: 2000, ratePerSecond: 100, log, retries: 0 }),
    sbf,
    directory: await createDirectory(sbf, log),
    sops: await createSopIndex(sbf),
    conversations: createConversationStore(db, () => NOW.getTime()),
    tracking: createTracking(db),
    links: { chatwootBaseUrl: chatwoot.url, taskUrl: (uid: string) => `https://bot.example/app/?task=${uid}` },
    now: () => NOW,
  };
  const dashboard = dashboardRouter({
    ctx,
    log,
    appSecret: opts.appSecret === null ? undefined : (opts.appSecret ?? SECRET),
    chatwootOrigin: config.dashboard.chatwootOrigin,
    userClient: createChatwootUserClient({ baseUrl: chatwoot.url, timeoutMs: 2000 }),
    distDir: dist,
  });
  const app = createApp({ config, queue: createQueue(db), log, onQueued: () => {}, dashboard });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** fetch against the bot with the account-1 app token unless told otherwise. */
  async function call(method: string, path: string, o: { token?: string | null; user?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = o.token === undefined ? issueAppToken(SECRET, 1) : o.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (o.user) headers['x-chatwoot-user-token'] = o.user;
    const res = await fetch(`${url}${path}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text.startsWith('{') ? JSON.parse(text) : undefined };
  }

  return {
    url,
    call,
    ctx,
    chatwoot,
    sbf,
    lines,
    conversations,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await chatwoot.close();
      db.close();
    },
  };
}
export type World = Awaited<ReturnType<typeof startWorld>>;
