import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { assess } from '../assess.ts';
import { createChatwootClient } from '../chatwoot/client.ts';
import { on, startFakeChatwoot } from '../dashboard/__tests__/fake-chatwoot.ts';
import { createPresence } from '../escalation/presence.ts';
import { createCannedSync, isCanned } from '../knowledge/canned-responses.ts';
import { createSopIndex } from '../knowledge/sop-index.ts';
import { customerText } from '../knowledge/sop-text.ts';
import { createDirectory } from '../sbf/directory.ts';
import { openVaultStore } from '../sbf/vault-store.ts';
import { defaultPolicy } from '../triage.ts';

/** The contract fixture: `reset` ({{contact.first_name}}) and `reset-2fa`. */
const FIXTURE = JSON.parse(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/chatwoot-contract/help-center/canned_responses.json'), 'utf8'),
) as Array<Record<string, unknown>>;
const SHIPPING = { id: 20, account_id: 1, short_code: 'shipping', content: 'Hi {{contact.first_name}}, orders ship within two business days from our Berlin warehouse.' };
const RETURNS_ANSWER =
  'Unopened items can be returned within 30 days of delivery for a full refund. Print the prepaid label from your order page, ' +
  'pack the item in its original box and drop it at any parcel shop. The refund reaches your card 5 business days after the warehouse scans it.';
const RETURNS_SOP = `---\nuid: va-sop-acme-returns-001\ntype: va.sop\nclient_uid: va-client-acme-001\ntitle: "Returning an order"\nstatus: published\nsensitivity: {level: public}\nlocale: en\n---\n## Answer\n${RETURNS_ANSWER}\n`;
/** An agent's canned response that pastes the SOP's answer, as agencies' inboxes often have. */
const RETURNS_PASTED = { id: 22, account_id: 1, short_code: 'returns', content: `Hi {{contact.first_name}}! ${RETURNS_ANSWER}` };
const INTRO = { id: 21, account_id: 1, short_code: 'intro', content: "I'm {{agent.name}} and I will look after your warehouse order today." };

const support = (client: string, account: number, inboxes: number[]) =>
  `---\nuid: va-support-${client}-001\ntype: va.customer_support\nclient_uid: va-client-${client}-001\nchatwoot_account_id: ${account}\nchatwoot_inbox_ids: [${inboxes.join(', ')}]\nassigned_vas: [alice]\n---\n`;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A vault (acme alone on account 1; globex and initech share account 2), the real client, index and sync. */
async function setup(opts: { extra?: Array<Record<string, unknown>> } = {}) {
  const canned = { items: [...FIXTURE, SHIPPING, INTRO, ...(opts.extra ?? [])], status: 200 };
  const chatwoot = await startFakeChatwoot([
    on('GET', /^\/api\/v1\/accounts\/\d+\/canned_responses$/, () => ({ status: canned.status, body: canned.items }), 'user-tok'),
    on('GET', /^\/api\/v1\/accounts\/\d+\/agents$/, () => ({ status: 200, body: [{ id: 7, availability_status: 'offline' }] }), 'user-tok'),
  ]);
  closers.push(chatwoot.close);
  const dir = mkdtempSync(join(tmpdir(), 'canned-'));
  for (const [client, account, inboxes] of [['acme', 1, [3]], ['globex', 2, [9]], ['initech', 2, [10]]] as const) {
    mkdirSync(join(dir, 'clients', client), { recursive: true });
    writeFileSync(join(dir, 'clients', client, 'support.md'), support(client, account, [...inboxes]));
  }
  mkdirSync(join(dir, 'clients', 'acme', 'sops'));
  writeFileSync(join(dir, 'clients', 'acme', 'sops', 'va-sop-acme-returns-001.md'), RETURNS_SOP);
  const lines: Array<Record<string, any>> = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const store = openVaultStore(dir, log);
  const client = createChatwootClient({ baseUrl: chatwoot.url, tokenFor: () => 'bot-tok', userToken: 'user-tok', timeoutMs: 2000, ratePerSecond: 100, log, retries: 0 });
  const sops = await createSopIndex(store);
  const sync = createCannedSync({ listCannedResponses: client.listCannedResponses, directory: await createDirectory(store, log), sops, log });
  return { chatwoot, canned, client, sops, sync, lines };
}

const best = (sops: Awaited<ReturnType<typeof setup>>['sops'], text: string) => sops.search('va-client-acme-001', text, 'en')[0]?.sop;

describe('canned responses in retrieval', () => {
  it('when refreshed, then the account\'s canned responses answer for its client, read with the user token', async () => {
    const { chatwoot, sops, sync } = await setup();
    await sync.refresh();

    expect(chatwoot.calls.map((c) => `${c.method} ${c.path} ${c.headers.api_access_token}`)).toEqual([
      'GET /api/v1/accounts/1/canned_responses user-tok',
    ]);
    const hit = best(sops, 'How long does shipping take from your warehouse?');
    expect(hit).toMatchObject({ uid: 'canned-1-20', client_uid: 'va-client-acme-001', title: 'shipping', locale: 'en', status: 'published' });
    expect(isCanned(hit!)).toBe(true);
    expect(customerText(hit!)).toBe(SHIPPING.content);
    expect(sops.get('canned-1-3')).toMatchObject({ title: 'reset' });
    expect(sops.search('va-client-globex-001', 'shipping warehouse', 'en')).toEqual([]);
  });

  it('when a canned response uses an agent variable, then it is left out and a debug line says why', async () => {
    const { sops, sync, lines } = await setup();
    await sync.refresh();

    expect(sops.get('canned-1-21')).toBeUndefined();
    expect(best(sops, 'who will look after my warehouse order')?.uid).not.toBe('canned-1-21');
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 20, short_code: 'intro', variables: ['agent.name'], msg: 'canned response left out: the bot cannot fill its variables' }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, accountId: 1, indexed: 3, left_out: 1, msg: 'canned responses indexed' }));
  });

  it('when a later fetch fails, then the last good copy stays; when a response is deleted, then it leaves the index', async () => {
    const { canned, sops, sync, lines } = await setup();
    await sync.refresh();
    canned.status = 500;
    await sync.refresh();
    expect(best(sops, 'shipping from the warehouse')?.uid).toBe('canned-1-20');
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, accountId: 1, msg: 'canned responses not refreshed: keeping the last good copy' }));

    canned.status = 200;
    canned.items = canned.items.filter((c) => c.id !== SHIPPING.id);
    await sync.refresh();
    expect(sops.get('canned-1-20')).toBeUndefined();
    expect(best(sops, 'shipping from the warehouse')?.uid).not.toBe('canned-1-20');
  });

  it('when a canned response repeats a SOP, then the two are one candidate: the bot answers from the SOP, with the margin intact', async () => {
    const { sops, sync } = await setup({ extra: [RETURNS_PASTED] });
    await sync.refresh();
    expect(sops.get('canned-1-22')).toBeDefined();

    const question = 'how do I return an unopened item, and where do I print the prepaid label?';
    const hits = sops.search('va-client-acme-001', question, 'en');
    expect(hits.map((h) => h.sop.uid)).not.toContain('canned-1-22');
    const decision = assess(sops, { clientUid: 'va-client-acme-001', text: question, botTurns: 0, labels: [], hasAttachments: false, policy: defaultPolicy });
    expect(decision, decision.reason).toMatchObject({ kind: 'answer', sop: { uid: 'va-sop-acme-returns-001' } });
  });

  it('when an account serves several clients, then its account-wide canned responses are not read', async () => {
    const { chatwoot, sync, lines } = await setup();
    await sync.refresh();
    await sync.refresh();
    expect(chatwoot.calls.filter((c) => c.path.startsWith('/api/v1/accounts/2/'))).toEqual([]);
    expect(lines.filter((l) => l.msg?.startsWith('canned responses not used'))).toEqual([
      expect.objectContaining({ level: 40, accountId: 2, clients: ['va-client-globex-001', 'va-client-initech-001'] }),
    ]);
  });
});

describe('presence', () => {
  it('when read twice within 30 s, then Chatwoot is asked once; after that, again', async () => {
    const { chatwoot, client } = await setup();
    let now = 1_000_000;
    const presence = createPresence({ listAgents: client.listAgents, now: () => now });

    const first = await presence.forAccount(1);
    expect(first).toEqual({ ok: true, status: new Map([[7, 'offline']]) });
    now += 29_000;
    await presence.forAccount(1);
    now += 2_000;
    await presence.forAccount(1);
    expect(chatwoot.calls.map((c) => `${c.path} ${c.headers.api_access_token}`)).toEqual([
      '/api/v1/accounts/1/agents user-tok',
      '/api/v1/accounts/1/agents user-tok',
    ]);
  });

  it('when Chatwoot refuses the token, then presence is unknown with a short reason, and the failure is not cached', async () => {
    const { chatwoot } = await setup();
    const log = pino({ level: 'silent' });
    const asBot = createChatwootClient({ baseUrl: chatwoot.url, tokenFor: () => 'bot-tok', userToken: 'bot-tok', timeoutMs: 2000, ratePerSecond: 100, log, retries: 0 });
    const presence = createPresence({ listAgents: asBot.listAgents });

    expect(await presence.forAccount(1)).toEqual({ ok: false, error: 'Chatwoot answered 401' });
    await presence.forAccount(1);
    expect(chatwoot.calls).toHaveLength(2);
  });
});
