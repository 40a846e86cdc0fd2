import { conversationPanelSchema, sopListSchema } from '@sbf-chatwoot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAppToken } from '../app-token.ts';
import { SECRET, startWorld, type World } from './world.ts';

const C = '/api/dashboard/accounts/1/conversations';

describe('dashboard API', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(() => w.close());

  it('when no app token is sent, then every call is 401 and Chatwoot is not asked', async () => {
    const before = w.chatwoot.calls.length;
    const res = await w.call('GET', `${C}/27`, { token: null });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatch(/missing app token/);
    expect(w.chatwoot.calls.length).toBe(before);
  });

  it('when the token was signed with another secret, then it is refused', async () => {
    const res = await w.call('GET', '/api/dashboard/session', { token: issueAppToken('another-secret-another-secret-12345', 1) });
    expect(res.status).toBe(401);
  });

  it("when an account-1 token asks for account 2's conversation, then the answer is 403 JSON", async () => {
    const res = await w.call('GET', '/api/dashboard/accounts/2/conversations/5');
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: 'this app token is for account 1, not account 2' });
  });

  it('when the session is read, then it names the account and the Chatwoot origin', async () => {
    const res = await w.call('GET', '/api/dashboard/session');
    expect(res.json).toEqual({ accountId: 1, chatwootOrigin: 'https://chat.example.com' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('when the conversation has a task, then the panel shows client, task and first-response due', async () => {
    const res = await w.call('GET', `${C}/27`);
    expect(res.status).toBe(200);
    const panel = conversationPanelSchema.parse(res.json);
    expect(panel.client).toMatchObject({ title: 'Acme Cloud', firstResponseMinutes: 30 });
    expect(panel.task).toMatchObject({
      uid: 'va-task-acme-001',
      status: 'todo',
      priority: 'high',
      assignedTo: 'alice',
      escalatedAt: '2026-07-20T10:00:00.000Z',
      firstResponseDueAt: '2026-07-20T10:30:00.000Z',
    });
    // Read with the bot's token, not with anything the browser sent.
    expect(w.chatwoot.calls.at(-1)).toMatchObject({ path: '/api/v1/accounts/1/conversations/27' });
    expect(w.chatwoot.calls.at(-1)!.headers.api_access_token).toBe('bot-1');
  });

  it('when the panel and the suggestions are asked for together, then Chatwoot is read once', async () => {
    const reads = () => w.chatwoot.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/conversations/28')).length;
    const before = reads();
    await Promise.all([w.call('GET', `${C}/28`), w.call('POST', `${C}/28/suggestions`, { body: { texts: [] } })]);
    expect(reads() - before).toBe(1);
  });

  it("when a conversation's custom attribute points at another client's task, then the task is not shown", async () => {
    const res = await w.call('GET', `${C}/29`);
    expect(res.json.task).toBeNull();
    expect(res.json.notice).toMatch(/another client/);
    expect(res.text).not.toContain('Globex secret task');
  });

  it('when suggestions are asked for, then the matching SOP comes back with the words and message it matched', async () => {
    const res = await w.call('POST', `${C}/27/suggestions`, { body: { texts: ['I forgot my password'] } });
    const { sops } = sopListSchema.parse(res.json);
    expect(sops[0]).toMatchObject({ uid: 'va-sop-acme-password-reset-001', answer: 'Choose **Forgot password** on the sign-in page.' });
    expect(sops[0]!.matched).toContain('password');
    expect(sops[0]!.from).toBeTruthy();
    expect(sops[0]!.body).toContain('## Internal');
  });

  it('when the VA searches, then only this client\'s SOPs are searched', async () => {
    const res = await w.call('GET', `${C}/27/sops?q=invoices`);
    expect(res.json.sops.map((s: { uid: string }) => s.uid)).toEqual(['va-sop-acme-invoices-001']);
  });

  it('when an action has no user token, then it is 401 with a code the app can act on', async () => {
    const res = await w.call('POST', `${C}/27/task/notes`, { body: { agentId: 7, text: 'hi' } });
    expect(res.status).toBe(401);
    expect(res.json.details).toEqual({ code: 'user_token_rejected' });
  });

  it("when the user token is another agent's, then the action is 403 and nothing changes", async () => {
    const before = w.chatwoot.calls.length;
    const res = await w.call('POST', `${C}/27/task/status`, { user: 'tok-bob', body: { agentId: 7, status: 'done' } });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatch(/belongs to agent 8/);
    expect((await w.sbf.get('va-task-acme-001'))!.status).toBe('todo');
    expect(w.chatwoot.calls.slice(before).map((c) => c.path)).toEqual(['/api/v1/profile']);
  });

  it("when the user token belongs to another account's member, then the action is 403", async () => {
    const res = await w.call('POST', `${C}/27/task/status`, { user: 'tok-globex', body: { agentId: 9, status: 'done' } });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatch(/not for a member of account 1/);
  });

  it('when Chatwoot rejects the user token, then the action is 401', async () => {
    const res = await w.call('POST', `${C}/27/task/status`, { user: 'tok-nobody', body: { agentId: 7, status: 'done' } });
    expect(res.status).toBe(401);
    expect(res.json.details).toEqual({ code: 'user_token_rejected' });
  });

  it('when Sam adds a note, then it is appended to the task in SBF and mirrored as a private note', async () => {
    const res = await w.call('POST', `${C}/27/task/notes`, { user: 'tok-sam', body: { agentId: 7, text: 'Customer verified by email.' } });
    expect(res.status).toBe(200);
    const task = await w.sbf.get('va-task-acme-001');
    expect(task!.content).toMatch(/^Escalated by the Chatwoot bot\.\n\n### Note by Sam Rivera \(Chatwoot agent 7\), 2026-07-20T10:10:00.000Z\n\nCustomer verified by email\.\n$/);
    const post = w.chatwoot.calls.find((c) => c.method === 'POST' && c.path.endsWith('/conversations/27/messages'));
    expect(post).toMatchObject({ body: { private: true, message_type: 'outgoing' } });
    expect(post!.body.content).toContain('Customer verified by email.');
    expect(post!.headers.api_access_token).toBe('bot-1');
  });

  it('when Sam acts twice, then Chatwoot is asked for the profile once', async () => {
    const profiles = () => w.chatwoot.calls.filter((c) => c.path === '/api/v1/profile' && c.headers.api_access_token === 'tok-sam').length;
    const before = profiles();
    await w.call('GET', '/api/dashboard/accounts/1/identity?agentId=7', { user: 'tok-sam' });
    await w.call('GET', '/api/dashboard/accounts/1/identity?agentId=7', { user: 'tok-sam' });
    expect(profiles()).toBe(before);
  });

  it('when Sam changes the status, then SBF has it and Chatwoot gets a private note', async () => {
    const res = await w.call('POST', `${C}/27/task/status`, { user: 'tok-sam', body: { agentId: 7, status: 'in_progress' } });
    expect(res.json.task.status).toBe('in_progress');
    const note = w.chatwoot.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/27/messages')).at(-1);
    expect(note!.body).toMatchObject({ private: true, content: 'SBF task va-task-acme-001: todo → in_progress (by Sam Rivera).' });
  });

  it('when Sam sends a SOP answer, then the customer gets it through the bot and the task records a first response', async () => {
    const res = await w.call('POST', `${C}/27/replies`, { user: 'tok-sam', body: { agentId: 7, sopUid: 'va-sop-acme-password-reset-001' } });
    expect(res.status).toBe(200);
    expect(res.json.messageId).toBeGreaterThan(5000);
    const sent = w.chatwoot.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/27/messages')).at(-1)!;
    expect(sent.body).toMatchObject({ private: false, content: 'Choose **Forgot password** on the sign-in page.\n\nSource: Reset your password' });
    expect(res.json.panel.task.firstResponseAt).toBe('2026-07-20T10:10:00.000Z');
  });

  it('when Sam sends a Spanish SOP, then its citation is in Spanish', async () => {
    const res = await w.call('POST', `${C}/27/replies`, { user: 'tok-sam', body: { agentId: 7, sopUid: 'va-sop-acme-password-reset-es-001' } });
    expect(res.status).toBe(200);
    const sent = w.chatwoot.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/27/messages')).at(-1)!;
    expect(sent.body).toMatchObject({ content: 'Elige **Olvidé mi contraseña** en la página de acceso.\n\nFuente: Restablecer tu contraseña' });
  });

  it("when a SOP of another client is named, then nothing is sent", async () => {
    const res = await w.call('POST', `${C}/27/replies`, { user: 'tok-sam', body: { agentId: 7, sopUid: 'va-sop-globex-x-001' } });
    expect(res.status).toBe(404);
  });

  it('when Sam escalates a conversation without a task, then the bot escalation runs and links a new task', async () => {
    const res = await w.call('POST', `${C}/28/escalate`, { user: 'tok-sam', body: { agentId: 7 } });
    expect(res.status).toBe(200);
    expect(res.json.task).toMatchObject({ status: 'todo', assignedTo: 'alice' });
    expect(w.conversations.get(28).custom_attributes.sbf_task_uid).toBe(res.json.task.uid);
    const again = await w.call('POST', `${C}/28/escalate`, { user: 'tok-sam', body: { agentId: 7 } });
    expect(again.status).toBe(409);
  });

  it('when the body is invalid, then the answer is 400 with the field errors', async () => {
    const res = await w.call('POST', `${C}/27/task/status`, { user: 'tok-sam', body: { agentId: 7, status: 'finished' } });
    expect(res.status).toBe(400);
    expect(res.json.details.fieldErrors.status).toBeDefined();
  });

  it('when canned responses are listed, then they are read with the VA\'s own token', async () => {
    const res = await w.call('GET', '/api/dashboard/accounts/1/canned-responses?q=reset', { user: 'tok-sam' });
    expect(res.json.items[0]).toMatchObject({ short_code: 'reset' });
    const read = w.chatwoot.calls.at(-1)!;
    expect(read.path).toBe('/api/v1/accounts/1/canned_responses?search=reset');
    expect(read.headers.api_access_token).toBe('tok-sam');
  });

  it('when the app is requested, then only the Chatwoot origin may frame it', async () => {
    const res = await w.call('GET', '/app/', { token: null });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="app">');
    expect(res.text).toContain('<meta name="chatwoot-origin" content="https://chat.example.com">');
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors https://chat.example.com');
    expect(res.headers.get('x-frame-options')).toBeNull();
    const asset = await w.call('GET', '/app/assets/index-abc.js', { token: null });
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('when anything was logged, then no token appears in it', () => {
    const all = w.lines.join('\n');
    for (const secret of ['tok-sam', 'tok-bob', 'tok-globex', issueAppToken(SECRET, 1).split('.')[2]!]) expect(all).not.toContain(secret);
  });
});

describe('dashboard API without APP_SECRET', () => {
  it('when APP_SECRET is unset, then the API answers 503 with the reason and a warning is logged', async () => {
    const w = await startWorld({ appSecret: null });
    try {
      const res = await w.call('GET', '/api/dashboard/session');
      expect(res.status).toBe(503);
      expect(res.json.error).toMatch(/APP_SECRET/);
      expect(w.lines.some((l) => l.includes('"level":40') && l.includes('APP_SECRET'))).toBe(true);
    } finally {
      await w.close();
    }
  });
});
