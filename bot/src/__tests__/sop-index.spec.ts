import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createSopIndex } from '../knowledge/sop-index.ts';
import { detectLanguage } from '../knowledge/language.ts';
import { openVaultStore } from '../sbf/vault-store.ts';

const log = pino({ level: 'silent' });
const sop = (uid: string, client: string | undefined, title: string, answer: string, extra: Record<string, unknown> = {}) => ({
  uid,
  type: 'va.sop',
  ...(client ? { client_uid: client } : {}),
  title,
  status: 'published',
  sensitivity: { level: 'public' },
  content: `## Answer\n${answer}\n\n## Internal\nSECRET-ESCALATION-NOTE`,
  ...extra,
});

async function setup() {
  const store = openVaultStore(mkdtempSync(join(tmpdir(), 'idx-')), log);
  await store.create(sop('va-sop-a-reset-001', 'va-client-a-001', 'Reset your password', 'Use Forgot password on the sign-in page.'));
  await store.create(sop('va-sop-a-reset-es-001', 'va-client-a-001', 'Restablecer la contraseña', 'Usa «Olvidé mi contraseña» en la página de acceso.', { locale: 'es' }));
  await store.create(sop('va-sop-b-reset-001', 'va-client-b-001', 'Resetting passwords', 'Call the front desk to reset passwords.'));
  await store.create(sop('va-sop-generic-hours-001', undefined, 'Support hours', 'We answer chats from 9am to 5pm, Monday to Friday.'));
  await store.create(sop('va-sop-a-draft-001', 'va-client-a-001', 'Password policy draft', 'Passwords expire.', { status: 'draft' }));
  return { store, index: await createSopIndex(store) };
}

describe('SOP index', () => {
  it('when a client searches, then only its own and generic SOPs come back', async () => {
    const { index } = await setup();
    const uids = index.search('va-client-a-001', 'reset my password', 'en').map((h) => h.sop.uid);
    expect(uids[0]).toBe('va-sop-a-reset-001');
    expect(uids).not.toContain('va-sop-b-reset-001');
    expect(uids).not.toContain('va-sop-a-draft-001');
    expect(index.search('va-client-b-001', 'support hours', 'en')[0]?.sop.uid).toBe('va-sop-generic-hours-001');
  });

  it('when the customer writes Spanish, then the Spanish SOP is found with Spanish stemming', async () => {
    const { index } = await setup();
    const lang = detectLanguage('¿Cómo restablezco mi contraseña? La olvidé', undefined);
    expect(lang).toBe('es');
    expect(index.search('va-client-a-001', '¿Cómo restablezco mi contraseña? La olvidé', lang)[0]?.sop.uid).toBe('va-sop-a-reset-es-001');
    expect(index.hasLanguage('va-client-a-001', 'de')).toBe(false);
  });

  it("when the question names what only a SOP's internal note speaks of, then the hit says which words", async () => {
    const { store, index } = await setup();
    const internal = [
      'Nonprofit rates are 50% off, approved by finance@acme.example; never quote them in chat.',
      'Monday.com imports are on the roadmap, do not promise a date.',
      'Enterprise sizing questions: weekly sync with the onboarding team.',
    ].join('\n');
    await store.create({
      ...sop('va-sop-a-plans-001', 'va-client-a-001', 'Plans and prices', 'Team is $8 per user a month, Business $15.'),
      content: `## Answer\nTeam is $8 per user a month, Business $15.\n\n## Internal\n${internal}`,
    });
    const hit = (q: string) => index.search('va-client-a-001', q, 'en').find((h) => h.sop.uid === 'va-sop-a-plans-001')!;
    expect(hit('do you have nonprofit prices per user?').internalOnly).toEqual(['nonprofit']);
    // A fact only the note gives counts as much as what it withholds (ADR 011, 2026-11-26).
    expect(hit('what prices per user for onboarding?').internalOnly).toEqual(['onboard']);
    // Addresses in the note are no topic; "hours" is in a customer-facing SOP of the agency.
    expect(hit('per user prices for monday.com or finance, and your support hours?').internalOnly).toEqual([]);
    expect(hit('Team prices per user').internalOnly).toEqual([]);
  });

  it('when words of the question appear in no SOP, then the rarity-weighted coverage drops', async () => {
    const { index } = await setup();
    const plain = index.search('va-client-a-001', 'reset password', 'en')[0]!;
    const offTopic = index.search('va-client-a-001', 'reset password for my linux kubernetes cluster', 'en')[0]!;
    expect(plain.idfCoverage).toBe(1);
    expect(offTopic.idfCoverage).toBeLessThan(plain.idfCoverage);
  });

  it('when a SOP note changes in the vault, then the index follows without a rebuild', async () => {
    const { store, index } = await setup();
    await store.update('va-sop-a-draft-001', { status: 'published', title: 'Password expiry', content: '## Answer\nPasswords expire after 90 days.' });
    await new Promise((r) => setTimeout(r, 10));
    expect(index.search('va-client-a-001', 'when do passwords expire', 'en')[0]?.sop.uid).toBe('va-sop-a-draft-001');
    await store.update('va-sop-a-draft-001', { status: 'retired' });
    await new Promise((r) => setTimeout(r, 10));
    expect(index.search('va-client-a-001', 'when do passwords expire', 'en').map((h) => h.sop.uid)).not.toContain('va-sop-a-draft-001');
  });

  it('when a question is closest to a draft or retired SOP, then that SOP is known but never answered from, and follows its status', async () => {
    const { store, index } = await setup();
    const best = () => index.unpublishedBest('va-client-a-001', 'do passwords expire?', 'en')?.sop.uid;
    expect(best()).toBe('va-sop-a-draft-001');
    expect(index.unpublishedBest('va-client-b-001', 'do passwords expire?', 'en')).toBeUndefined();
    await store.update('va-sop-a-draft-001', { status: 'published' });
    await expect.poll(best).toBeUndefined();
    await store.update('va-sop-a-draft-001', { status: 'retired' });
    await expect.poll(best).toBe('va-sop-a-draft-001');
    expect(index.search('va-client-a-001', 'do passwords expire?', 'en').map((h) => h.sop.uid)).not.toContain('va-sop-a-draft-001');
  });
});

describe('vault watcher', () => {
  it('when someone edits a SOP note on disk, then search follows without a restart', async () => {
    const { watchVault } = await import('../sbf/watch-vault.ts');
    const { writeFileSync } = await import('node:fs');
    const { store, index } = await setup();
    const stop = watchVault(store as Parameters<typeof watchVault>[0], log, 20);
    try {
      const path = join((store as unknown as { dir: string }).dir, 'clients/a/sops/va-sop-a-new-001.md');
      writeFileSync(path, '---\nuid: va-sop-a-new-001\ntype: va.sop\nclient_uid: va-client-a-001\ntitle: Parking at the office\nstatus: published\n---\n## Answer\nFree parking behind the building.\n');
      await expect.poll(() => index.search('va-client-a-001', 'where can I park', 'en')[0]?.sop.uid, { timeout: 3000 }).toBe('va-sop-a-new-001');
    } finally {
      stop();
    }
  });
});
