import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { assess } from '../assess.ts';
import { createSopIndex } from '../knowledge/sop-index.ts';
import { openVaultStore } from '../sbf/vault-store.ts';
import { defaultPolicy } from '../triage.ts';

const log = pino({ level: 'silent' });
const client = 'va-client-kora-001';
const sop = (uid: string, title: string, answer: string, extra: Record<string, unknown> = {}) => ({
  uid,
  type: 'va.sop',
  client_uid: client,
  title,
  status: 'published',
  sensitivity: { level: 'public' },
  tags: [],
  content: `## Answer\n${answer}\n\n## Internal\nnothing`,
  ...extra,
});

// A client with some Spanish SOPs, as the eval vault's Bloom and Kora: parking is English only.
async function setup() {
  const store = openVaultStore(mkdtempSync(join(tmpdir(), 'english-only-')), log);
  await store.create(sop('va-sop-kora-parking-001', 'Parking at our clubs', 'Zurich Oerlikon and Basel have free parking for members for 2 hours; register your licence plate at reception.'));
  await store.create(sop('va-sop-kora-hours-001', 'Club opening hours', 'Clubs open 6:00 to 22:00 on weekdays and 8:00 to 20:00 at weekends.'));
  await store.create(
    sop('va-sop-kora-hours-es-001', 'Horario de los clubes', 'Los clubes abren de 6:00 a 22:00 entre semana y de 8:00 a 20:00 los fines de semana.', {
      locale: 'es',
      translation_of: 'va-sop-kora-hours-001',
    }),
  );
  return { store, index: await createSopIndex(store) };
}

const ask = (index: Awaited<ReturnType<typeof setup>>['index'], text: string) =>
  assess(index, { clientUid: client, text, botTurns: 0, labels: [], hasAttachments: false, policy: defaultPolicy, canOfferChoice: true });

describe('a topic the client wrote only in English', () => {
  it('knows which SOPs have a version in a language, and follows the vault when a translation goes', async () => {
    const { store, index } = await setup();
    expect(index.hasVersionIn('va-sop-kora-hours-001', 'es')).toBe(true);
    expect(index.hasVersionIn('va-sop-kora-hours-001', 'en')).toBe(true);
    expect(index.hasVersionIn('va-sop-kora-parking-001', 'es')).toBe(false);
    await store.update('va-sop-kora-hours-es-001', { status: 'retired' });
    await expect.poll(() => index.hasVersionIn('va-sop-kora-hours-001', 'es')).toBe(false);
  });

  it('when a Spanish question matches an English-only SOP far better than any Spanish one, then a VA answers, in Spanish', async () => {
    const { index } = await setup();
    const a = ask(index, '¿hay parking gratis para socios en el club de Oerlikon? ¿dónde registro la matrícula?');
    expect(a).toMatchObject({ kind: 'escalate', trigger: 'no_sop_in_language', language: 'es' });
    expect(a.reason).toBe('the closest SOP, "Parking at our clubs", is written only in English');
  });

  it('when the Spanish SOP is the one that fits, then the English-only one does not get in the way', async () => {
    const { index } = await setup();
    const a = ask(index, '¿a qué hora abren los clubes los fines de semana?');
    expect(a.kind === 'answer' ? a.sop.uid : a.kind).toBe('va-sop-kora-hours-es-001');
  });
});
