import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { parse } from 'yaml';
import { startBot } from '../src/bot-process.ts';
import { startSimulator, type AccountConfig, type Simulator } from '../src/simulator/index.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ACME = 'va-client-acme-001';
const CLIENTS = [
  { id: 1, slug: 'acme' },
  { id: 2, slug: 'bloom' },
  { id: 3, slug: 'kora' },
  { id: 4, slug: 'lumen' },
];
const ACCOUNTS: AccountConfig[] = CLIENTS.map((c) => ({ id: c.id, botToken: `bot-${c.slug}`, adminToken: `admin-${c.slug}`, portals: [c.slug] }));
const ADMIN_TOKENS = CLIENTS.map((c) => `${c.id}:admin-${c.slug}`).join(',');

interface Note {
  file: string;
  data: Record<string, any>;
  body: string;
}

/** A fresh copy of bot/eval/vault and a simulated Chatwoot with the four clients' portals. */
async function world(accounts = ACCOUNTS) {
  const dir = mkdtempSync(join(tmpdir(), 'sbf-publish-'));
  const vault = join(dir, 'vault');
  cpSync(join(repo, 'bot/eval/vault'), vault, { recursive: true });
  const sim = await startSimulator({ accounts });
  const env = { CHATWOOT_BASE_URL: sim.url, CHATWOOT_ADMIN_TOKENS: ADMIN_TOKENS, SBF_VAULT_DIR: vault };
  const sopFile = (uid: string) => join(vault, 'clients', uid.split('-')[2]!, 'sops', `${uid}.md`);
  const sop = (uid: string): Note => {
    const text = readFileSync(sopFile(uid), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text)!;
    return { file: sopFile(uid), data: parse(m[1]!), body: m[2]!.trim() };
  };
  const sops = (client: string): Note[] =>
    readdirSync(join(vault, 'clients', client, 'sops')).map((f) => sop(f.replace(/\.md$/, '')));
  const edit = (uid: string, from: string | RegExp, to: string) => {
    const text = readFileSync(sopFile(uid), 'utf8');
    expect(text).toMatch(from);
    writeFileSync(sopFile(uid), text.replace(from, to));
  };
  const close = async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, vault, sim, env, sop, sops, edit, close };
}
type World = Awaited<ReturnType<typeof world>>;

/** Runs the real CLI. Async, because the simulator answers from this very process. */
function publish(env: Record<string, string>, ...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'bot/src/cli/publish-sops.ts'), ...args], {
    cwd: join(repo, 'bot'),
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise<{ code: number | null; stdout: string; stderr: string; report: Record<string, any> }>((res) =>
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      res({ code, stdout, stderr, report: last.startsWith('{') ? JSON.parse(last) : {} });
    }),
  );
}

const isPublic = (n: Note) => n.data.sensitivity?.level === 'public' && n.data.status === 'published' && n.data.lifecycle?.state !== 'archived';
const writes = (sim: Simulator, since = 0) => sim.calls.slice(since).filter((c) => c.method !== 'GET');
const internalOf = (n: Note) => /## Internal\s+([\s\S]*)$/.exec(n.body)?.[1]?.trim();

describe('publish-sops CLI against the simulator', { timeout: 60_000 }, () => {
  let w: World;
  let expected: Note[];
  beforeAll(async () => {
    w = await world();
    expected = w.sops('acme').filter(isPublic);
  });
  afterAll(() => w.close());

  it('when run the first time for a client, then it creates one published article per public, published SOP and writes id, URL and hash back', async () => {
    const out = await publish(w.env, '--client', ACME);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.report).toMatchObject({ created: expected.length, updated: 0, unchanged: 0, unpublished: 0, failed: [] });
    expect(out.stdout).toMatch(/^ACTION\s+CLIENT\s+SOP/);
    const articles = w.sim.articles(1);
    expect(articles).toHaveLength(expected.length);
    expect(articles.every((a) => a.status === 'published' && a.portal === 'acme' && a.author_id === 1)).toBe(true);
    const reset = w.sop('va-sop-acme-reset-password-001').data.publish;
    const article = articles.find((a) => a.id === reset.article_id)!;
    expect(article).toMatchObject({ slug: 'acme-reset-password-001', title: 'Reset your password', locale: 'en' });
    expect(article.meta).toMatchObject({ title: 'Reset your password | Acme Cloud Inc.', tags: ['account', 'login', 'password'] });
    expect(reset).toMatchObject({ portal_slug: 'acme', slug: article.slug, status: 'published', url: `${w.sim.url}/hc/acme/articles/acme-reset-password-001` });
    expect(reset.content_hash).toMatch(/^sha256:/);
    expect(w.sop('va-sop-acme-refund-requests-001').data.publish).toBeUndefined(); // confidential
    expect(w.sim.invalidCalls()).toEqual([]);
  });

  it('when run again with nothing changed, then Chatwoot gets no call at all', async () => {
    const before = w.sim.calls.length;
    const out = await publish(w.env, '--client', ACME);
    expect(out.code).toBe(0);
    expect(out.report).toMatchObject({ created: 0, updated: 0, unchanged: expected.length });
    expect(w.sim.calls.length).toBe(before);
  });

  it('when one SOP answer is edited, then exactly that article is PATCHed', async () => {
    const before = w.sim.calls.length;
    const old = w.sop('va-sop-acme-reset-password-001').data.publish;
    w.edit('va-sop-acme-reset-password-001', 'valid for 60 minutes', 'valid for 30 minutes');
    const out = await publish(w.env, '--client', ACME);
    expect(out.report).toMatchObject({ updated: 1, unchanged: expected.length - 1 });
    const sent = writes(w.sim, before);
    expect(sent.map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH /api/v1/accounts/1/portals/acme/articles/${old.article_id}`]);
    expect(w.sim.articles(1).find((a) => a.id === old.article_id)!.content).toContain('valid for 30 minutes');
    expect(w.sop('va-sop-acme-reset-password-001').data.publish.content_hash).not.toBe(old.content_hash);
  });

  it('when a SOP is retired, then its article is archived; when it is published again, then the same article comes back', async () => {
    const uid = 'va-sop-acme-2fa-setup-001';
    const id = w.sop(uid).data.publish.article_id;
    w.edit(uid, /^status: published$/m, 'status: retired');
    let before = w.sim.calls.length;
    expect((await publish(w.env, '--client', ACME)).report).toMatchObject({ unpublished: 1, failed: [] });
    expect(writes(w.sim, before).map((c) => [c.method, c.body])).toEqual([['PATCH', { article: { status: 'archived' } }]]);
    expect(w.sim.articles(1).find((a) => a.id === id)!.status).toBe('archived');
    expect(w.sop(uid).data.publish).toMatchObject({ status: 'archived', article_id: id });

    before = w.sim.calls.length;
    expect((await publish(w.env, '--client', ACME)).report.unpublished).toBe(0);
    expect(w.sim.calls.length).toBe(before);

    w.edit(uid, /^status: retired$/m, 'status: published');
    expect((await publish(w.env, '--client', ACME)).report).toMatchObject({ updated: 1, created: 0 });
    expect(w.sim.articles(1).find((a) => a.id === id)!.status).toBe('published');
  });

  it('when a published SOP becomes confidential, then its article is deleted from Chatwoot', async () => {
    const uid = 'va-sop-acme-invite-teammates-001';
    const id = w.sop(uid).data.publish.article_id;
    w.edit(uid, /level: public/, 'level: confidential');
    const before = w.sim.calls.length;
    expect((await publish(w.env, '--client', ACME)).report).toMatchObject({ unpublished: 1 });
    expect(writes(w.sim, before).map((c) => c.method)).toEqual(['DELETE']);
    expect(w.sim.articles(1).some((a) => a.id === id)).toBe(false);
    expect(w.sop(uid).data.publish).toMatchObject({ status: 'deleted' });
    expect(w.sop(uid).data.publish.article_id).toBeUndefined();
  });

  it('when every client is published, then slugs are unique installation-wide, translations point at their original and no internal text is anywhere', async () => {
    const out = await publish(w.env);
    expect(out.code).toBe(0);
    const all = CLIENTS.flatMap((c) => w.sim.articles(c.id));
    expect(new Set(all.map((a) => a.slug)).size).toBe(all.length);
    for (const c of CLIENTS) expect(w.sim.articles(c.id)).toHaveLength(w.sops(c.slug).filter(isPublic).length);

    const es = w.sop('va-sop-bloom-card-message-es-001').data.publish;
    const en = w.sop('va-sop-bloom-card-message-001').data.publish;
    const post = w.sim.calls.find((c) => c.method === 'POST' && (c.body as any)?.article?.slug === es.slug)!;
    expect(post.body).toMatchObject({ article: { locale: 'es', associated_article_id: en.article_id } });

    const texts = all.map((a) => JSON.stringify([a.title, a.content, a.description, a.meta]));
    for (const n of CLIENTS.flatMap((c) => w.sops(c.slug))) {
      const internal = internalOf(n);
      if (internal) for (const t of texts) expect(t).not.toContain(internal.slice(0, 40));
    }
  });
});

/** A world for one concurrent test, closed when it finishes. */
async function fresh(onTestFinished: TestContext['onTestFinished'], accounts?: AccountConfig[]): Promise<World> {
  const w = await world(accounts);
  onTestFinished(() => w.close());
  return w;
}

describe.concurrent('publish-sops CLI edge cases', { timeout: 90_000 }, () => {

  it('when run with --dry-run, then nothing is sent to Chatwoot or written to the vault, and the plan is reported', async ({ expect, onTestFinished }) => {
    const w = await fresh(onTestFinished);
    const snapshot = () => w.sops('acme').map((n) => readFileSync(n.file, 'utf8'));
    const before = snapshot();
    const out = await publish({ CHATWOOT_BASE_URL: w.sim.url, SBF_VAULT_DIR: w.vault }, '--client', ACME, '--dry-run');
    expect(out.code).toBe(0);
    expect(out.report).toMatchObject({ dry_run: true, created: w.sops('acme').filter(isPublic).length, failed: [] });
    expect(out.stdout).toContain('dry run: nothing was sent');
    expect(w.sim.calls).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('when no admin token is configured, then it exits non-zero naming CHATWOOT_ADMIN_TOKEN and calls nothing', async ({ expect, onTestFinished }) => {
    const w = await fresh(onTestFinished);
    const out = await publish({ CHATWOOT_BASE_URL: w.sim.url, SBF_VAULT_DIR: w.vault }, '--client', ACME);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('CHATWOOT_ADMIN_TOKEN');
    expect(w.sim.calls).toEqual([]);
  });

  it('when arguments are wrong or the client is unknown, then it says so and exits 2', async ({ expect, onTestFinished }) => {
    const w = await fresh(onTestFinished);
    expect(await publish(w.env, '--bogus')).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: publish-sops') });
    expect(await publish(w.env, '--client', 'Not A Uid')).toMatchObject({ code: 2, stderr: expect.stringContaining('--client must be a client uid') });
    expect(await publish(w.env, '--client', 'va-client-nobody-001')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown client va-client-nobody-001') });
  });

  it('when the client\'s portal does not exist, then every SOP fails with that reason after a single call', async ({ expect, onTestFinished }) => {
    const w = await fresh(onTestFinished, ACCOUNTS.map((a) => ({ ...a, portals: ['elsewhere'] })));
    const out = await publish(w.env, '--client', ACME);
    expect(out.code).toBe(1);
    expect(out.report.failed).toHaveLength(w.sops('acme').filter(isPublic).length);
    expect(out.report.failed[0].error).toContain('no Help Center portal "acme"');
    expect(w.sim.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(['GET /api/v1/accounts/1/portals/acme/articles 404']);
  });

  it('when Chatwoot fails with 500s and loses an answer, then retries and later runs end with every article exactly once', async ({ expect, onTestFinished }) => {
    const w = await fresh(onTestFinished);
    const env = { ...w.env, CHATWOOT_TIMEOUT_MS: '2000' };
    const expected = w.sops('acme').filter(isPublic).length;
    const creates = { method: 'POST', path: /\/articles$/ };
    // One 500 is retried in the call; three in a row fail that SOP for this run.
    w.sim.faults.failNext(1, { status: 500, ...creates });
    w.sim.faults.failNext(3, { status: 500, ...creates });
    const first = await publish(env, '--client', ACME);
    expect(first.code).toBe(1);
    expect(first.report).toMatchObject({ created: expected - 1, failed: [expect.objectContaining({ error: expect.stringContaining('500') })] });

    // The create lands, but only after the client gave up: the answer is lost.
    w.sim.faults.delayNext(1, 4000, creates);
    const second = await publish(env, '--client', ACME);
    expect(second.code).toBe(1);
    await w.sim.waitFor(() => w.sim.calls.find((c) => c.clientAborted && c.status === 200));
    expect(w.sim.articles(1)).toHaveLength(expected);

    const third = await publish(env, '--client', ACME);
    expect(third.code).toBe(0);
    expect(third.report.items.find((i: any) => i.action === 'created')).toMatchObject({ detail: expect.stringContaining('adopted') });
    const articles = w.sim.articles(1);
    expect(articles).toHaveLength(expected);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(expected);
    const ids = w.sops('acme').filter(isPublic).map((n) => n.data.publish?.article_id);
    expect(new Set(ids)).toEqual(new Set(articles.map((a) => a.id)));
    expect((await publish(env, '--client', ACME)).report).toMatchObject({ unchanged: expected, failed: [] });
  });
});

describe.concurrent('POST /admin/publish-sops on the running bot', { timeout: 90_000 }, () => {
  /** The real bot process on a fresh world; returns the world, the bot and a POST helper. */
  const start = async (onTestFinished: TestContext['onTestFinished'], extra: Record<string, string>) => {
    const w = await fresh(onTestFinished);
    const bot = await startBot(
      { CHATWOOT_BASE_URL: w.sim.url, CHATWOOT_BOT_TOKENS: '1:bot-acme', SBF_VAULT_DIR: w.vault, DATA_DIR: join(w.dir, 'data'), ...extra },
      { timeoutMs: 30000 },
    );
    onTestFinished(() => bot.kill());
    const post = async (body: unknown, token = 'admin-api-token-for-tests') => {
      const res = await fetch(`${bot.url}/admin/publish-sops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, any> };
    };
    return { w, bot, post };
  };

  it('when an admin posts, then the bot publishes and a repeat changes nothing; wrong token and bad body are refused', async ({ expect, onTestFinished }) => {
    const { w, bot, post } = await start(onTestFinished, { ADMIN_API_TOKEN: 'admin-api-token-for-tests', CHATWOOT_ADMIN_TOKENS: ADMIN_TOKENS });
    const n = w.sops('acme').filter(isPublic).length;
    expect((await post({ client_uid: ACME }, 'wrong-token')).status).toBe(403);
    expect(await post({ client_uid: ACME, dry_run: 'no' })).toMatchObject({ status: 400, json: { error: 'invalid request' } });
    expect(w.sim.calls).toEqual([]);
    expect(await post({ client_uid: ACME })).toMatchObject({ status: 200, json: { created: n, failed: [] } });
    expect(w.sim.articles(1)).toHaveLength(n);
    expect(w.sop('va-sop-acme-reset-password-001').data.publish.article_id).toBeGreaterThan(0);
    const before = w.sim.calls.length;
    expect(await post({ client_uid: ACME })).toMatchObject({ status: 200, json: { created: 0, unchanged: n } });
    expect(w.sim.calls.length).toBe(before);
    expect(bot.logs.join('\n')).not.toContain('admin-acme');
  });

  it('when the bot has no Chatwoot admin token, then a real run is 503 naming CHATWOOT_ADMIN_TOKEN', async ({ expect, onTestFinished }) => {
    const { w, post } = await start(onTestFinished, { ADMIN_API_TOKEN: 'admin-api-token-for-tests' });
    expect(await post({ client_uid: ACME })).toMatchObject({ status: 503, json: { error: expect.stringContaining('CHATWOOT_ADMIN_TOKEN') } });
    expect((await post({ client_uid: ACME, dry_run: true })).status).toBe(200);
    expect(w.sim.calls).toEqual([]);
  });
});
