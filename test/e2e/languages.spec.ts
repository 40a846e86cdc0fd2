import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { botSettled, privateNotes, publicReplies, startWorld, vaultTasks } from './harness.ts';

/** Acme's password SOP in Spanish; its invoices SOP stays English-only. */
const PASSWORD_ES = `---
uid: va-sop-acme-password-reset-es-001
type: va.sop
client_uid: va-client-acme-001
title: Restablecer la contraseña
status: published
locale: es
translation_of: va-sop-acme-password-reset-001
tags: [contraseña, acceso]
sensitivity: { level: public }
---
## Answer
En la página de acceso elige **Olvidé mi contraseña**, escribe el correo de tu cuenta y sigue el enlace que te enviamos. El enlace vale 60 minutos.
`;

const seedVault = (vaultDir: string) => {
  mkdirSync(join(vaultDir, 'clients/acme/sops'), { recursive: true });
  writeFileSync(join(vaultDir, 'clients/acme/sops/va-sop-acme-password-reset-es-001.md'), PASSWORD_ES);
};

describe.concurrent('the customer’s language', () => {
  it('when a Spanish question has a Spanish SOP, then the bot answers in Spanish and cites it', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, { seedVault });
    const { sim } = world;
    await sim.customerSays(1, 61, '¿Cómo restablezco mi contraseña? La olvidé y no puedo entrar.');
    await sim.waitFor(() => publicReplies(sim, 1, 61).length === 1, 10_000);
    await botSettled(world);
    const reply = publicReplies(sim, 1, 61)[0]!.content;
    expect(reply).toContain('Olvidé mi contraseña');
    expect(reply).toContain('Fuente: Restablecer la contraseña');
    expect(vaultTasks(world.vaultDir)).toEqual([]);
    expect(sim.invalidCalls()).toEqual([]);
  });

  it('when a Spanish question is on a topic the client wrote only in English, then a VA takes it and the customer is told in Spanish', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, { seedVault });
    const { sim } = world;
    await sim.customerSays(1, 62, 'Hola, ¿dónde descargo mis invoices en PDF desde billing? Las necesito para la contabilidad de octubre.');
    await sim.waitFor(() => sim.conversation(1, 62).status === 'open', 10_000);
    await botSettled(world);
    expect(vaultTasks(world.vaultDir).map((t) => t.data.tags)).toEqual([['chatwoot', 'escalation:no_sop_in_language']]);
    expect(publicReplies(sim, 1, 62).map((m) => m.content)).toEqual([expect.stringMatching(/^Gracias por tu paciencia/)]);
    expect(privateNotes(sim, 1, 62)[0]!.content).toContain('the closest SOP, "Download your invoices", is written only in English');
    expect(sim.invalidCalls()).toEqual([]);
  });
});
