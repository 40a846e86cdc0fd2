import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openVaultStore } from '../sbf/vault-store.ts';

const log = pino({ level: 'silent' });
const fresh = () => mkdtempSync(join(tmpdir(), 'vault-'));
const clock = () => new Date('2026-07-20T10:00:00.000Z');

describe('vault store', () => {
  it('when a task is created, then it gets the next va-task-<client>-NNN uid and a note on disk', async () => {
    const dir = fresh();
    const store = openVaultStore(dir, log, clock);
    const a = await store.create({ type: 'va.task', client_uid: 'va-client-acme-001', title: 'A', content: 'Body A' });
    const b = await store.create({ type: 'va.task', client_uid: 'va-client-acme-001', title: 'B' });
    expect([a.uid, b.uid]).toEqual(['va-task-acme-001', 'va-task-acme-002']);
    const text = readFileSync(join(dir, 'clients/acme/tasks/va-task-acme-001.md'), 'utf8');
    expect(text).toMatch(/^---\n/);
    expect(text).toContain('Body A');
    // Quoted, so YAML 1.1 readers (Obsidian, PyYAML) keep it a string.
    expect(text).toContain('created: "2026-07-20T10:00:00.000Z"');
  });

  it('when the vault is reopened, then entities read back equal what was written', async () => {
    const dir = fresh();
    const s1 = openVaultStore(dir, log, clock);
    const created = await s1.create({ type: 'va.task', client_uid: 'va-client-acme-001', title: 'T', metadata: { conversation_id: 27 } });
    const s2 = openVaultStore(dir, log, clock);
    expect(await s2.get(created.uid)).toEqual(created);
  });

  it('when an entity is updated, then fields merge and no temp files are left behind', async () => {
    const dir = fresh();
    const store = openVaultStore(dir, log, clock);
    const t = await store.create({ type: 'va.task', client_uid: 'va-client-acme-001', title: 'T', status: 'todo' });
    await store.update(t.uid, { status: 'in_progress' });
    const onDisk = parse(readFileSync(join(dir, 'clients/acme/tasks', `${t.uid}.md`), 'utf8').split('---')[1]!);
    expect(onDisk).toMatchObject({ title: 'T', status: 'in_progress' });
    expect(readdirSync(join(dir, 'clients/acme/tasks'))).toEqual([`${t.uid}.md`]);
  });

  it('when a note written by hand is updated, then its comments, key order and untouched values stay', async () => {
    const dir = fresh();
    const file = join(dir, 'clients/acme/tasks/va-task-acme-017.md');
    mkdirSync(join(dir, 'clients/acme/tasks'), { recursive: true });
    writeFileSync(
      file,
      [
        '---',
        '# Escalated by phone; see the call log',
        'uid: va-task-acme-017',
        'type: va.task',
        'client_uid: va-client-acme-001',
        'status: todo # waiting on the client',
        'tags: [billing, vip]',
        'metadata: { account_id: 1, conversation_id: 27 }',
        '---',
        '',
        'Customer asked for a refund.',
        '',
      ].join('\n'),
    );
    const store = openVaultStore(dir, log, clock);
    await store.update('va-task-acme-017', { status: 'in_progress', resolved_at: '2026-07-21' });
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(
      [
        '---',
        '# Escalated by phone; see the call log',
        'uid: va-task-acme-017',
        'type: va.task',
        'client_uid: va-client-acme-001',
        'status: in_progress # waiting on the client',
        'tags: [ billing, vip ]',
        'metadata: { account_id: 1, conversation_id: 27 }',
        'resolved_at: "2026-07-21"',
        'updated: "2026-07-20T10:00:00.000Z"',
        '---',
        '',
        'Customer asked for a refund.',
        '',
      ].join('\n'),
    );
    expect(await openVaultStore(dir, log, clock).get('va-task-acme-017')).toMatchObject({ status: 'in_progress', tags: ['billing', 'vip'] });
  });

  it('when a query names no client, then client-owned entities stay hidden', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'x/a.md'), '---\nuid: va-sop-generic-hours-001\ntype: va.sop\ntitle: Hours\n---\nbody');
    writeFileSync(join(dir, 'x/b.md'), '---\nuid: va-sop-acme-x-001\ntype: va.sop\nclient_uid: va-client-acme-001\ntitle: X\n---\n');
    writeFileSync(join(dir, 'x/c.md'), 'no frontmatter here');
    const store = openVaultStore(dir, log, clock);
    expect((await store.query({ type: 'va.sop' })).map((e) => e.uid)).toEqual(['va-sop-generic-hours-001']);
    expect(await store.query({ type: 'va.sop', client_uid: 'va-client-acme-001' })).toHaveLength(1);
  });
});
