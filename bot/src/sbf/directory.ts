import { vaClientSchema, vaCustomerSupportSchema, type VaClient, type VaCustomerSupport } from '@sbf-chatwoot/shared';
import type { Logger } from 'pino';
import { createClientNames, type NamedClient } from '../knowledge/client-names.ts';
import type { SbfStore } from './store.ts';

export interface ClientSetup {
  support: VaCustomerSupport;
  client?: VaClient;
}

/**
 * Which client owns a Chatwoot account/inbox, read from `va.customer_support` notes
 * (`chatwoot_account_id`, optional `chatwoot_inbox_ids`). Rebuilt whenever the vault changes.
 */
export async function createDirectory(store: SbfStore, log: Logger) {
  let setups: ClientSetup[] = [];
  let otherClientNamed = createClientNames([]);

  async function rebuild() {
    const supports = await store.query({ type: 'va.customer_support', allClients: true });
    const clients = await store.query({ type: 'va.client', allClients: true });
    const next: ClientSetup[] = [];
    for (const raw of supports) {
      const s = vaCustomerSupportSchema.safeParse(raw);
      if (!s.success) {
        log.warn({ uid: raw.uid, issues: s.error.issues.slice(0, 3) }, 'va.customer_support note ignored: invalid');
        continue;
      }
      if (s.data.status && s.data.status !== 'active') continue;
      const c = clients.find((e) => e.uid === s.data.client_uid);
      const client = c ? vaClientSchema.safeParse(c) : undefined;
      next.push({ support: s.data, client: client?.success ? client.data : undefined });
    }
    setups = next;
    const named = next.flatMap((s): NamedClient[] => (s.client?.title ? [{ uid: s.support.client_uid, title: s.client.title }] : []));
    otherClientNamed = createClientNames(named);
  }

  await rebuild();
  let pending: Promise<void> | undefined;
  store.onChange(() => {
    pending ??= Promise.resolve().then(() => {
      pending = undefined;
      return rebuild();
    });
  });

  return {
    resolve(accountId: number, inboxId?: number): ClientSetup | undefined {
      const forAccount = setups.filter((s) => s.support.chatwoot_account_id === accountId);
      return (
        forAccount.find((s) => inboxId !== undefined && s.support.chatwoot_inbox_ids?.includes(inboxId)) ??
        forAccount.find((s) => !s.support.chatwoot_inbox_ids?.length)
      );
    },
    /** Older Chatwoot omits `account` from conversation events; inbox ids are global, so map back. */
    accountForInbox(inboxId: number): number | undefined {
      return setups.find((s) => s.support.chatwoot_inbox_ids?.includes(inboxId))?.support.chatwoot_account_id;
    },
    byClient(clientUid: string): ClientSetup | undefined {
      return setups.find((s) => s.support.client_uid === clientUid);
    },
    all: () => setups,
    /** Another client of the agency that a message to `clientUid` names, if any (see client-names.ts). */
    otherClientNamed: (clientUid: string, text: string) => otherClientNamed(clientUid, text),
  };
}
export type Directory = Awaited<ReturnType<typeof createDirectory>>;
