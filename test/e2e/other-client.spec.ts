import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { botSettled, privateNotes, publicReplies, startWorld, vaultTasks } from './harness.ts';

/** A second client of the agency, on its own Chatwoot account. */
const seedVault = (vaultDir: string) => {
  mkdirSync(join(vaultDir, 'clients/kora'), { recursive: true });
  writeFileSync(
    join(vaultDir, 'clients/kora/client.md'),
    '---\nuid: va-client-kora-001\ntype: va.client\ntitle: Kora Fitness\nstatus: active\n---\n',
  );
  writeFileSync(
    join(vaultDir, 'clients/kora/support.md'),
    '---\nuid: va-support-kora-001\ntype: va.customer_support\nclient_uid: va-client-kora-001\nplatform: chatwoot\nchatwoot_account_id: 2\nassigned_vas: [elise]\nstatus: active\n---\n',
  );
};

describe('a message naming another client of the agency', () => {
  it('when an Acme customer asks about their Kora Fitness password, then a VA takes it instead of the bot answering from Acme’s password SOP', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, { seedVault });
    const { sim } = world;
    await sim.customerSays(1, 71, 'sorry, wrong chat maybe: how do I reset my password for the Kora Fitness app?');
    await sim.waitFor(() => sim.conversation(1, 71).status === 'open', 10_000);
    await botSettled(world);
    expect(vaultTasks(world.vaultDir).map((t) => t.data.tags)).toEqual([['chatwoot', 'escalation:other_client']]);
    expect(privateNotes(sim, 1, 71)[0]!.content).toContain('the message names Kora Fitness, another client of the agency');
    expect(publicReplies(sim, 1, 71).map((m) => m.content).join('\n')).not.toContain('Forgot password');
    expect(sim.invalidCalls()).toEqual([]);
  });
});
