import type { CannedResponse, VaSop } from '@sbf-chatwoot/shared';
import type { Logger } from 'pino';
import type { Directory } from '../sbf/directory.ts';
import { detectLanguage } from './language.ts';
import { FILLABLE_VARIABLES, variablesIn } from './message-variables.ts';
import type { SopIndex } from './sop-index.ts';

/** Marks retrieval documents made from Chatwoot canned responses rather than SBF notes. */
export const CANNED_SOURCE = 'chatwoot.canned_response';

export const isCanned = (sop: VaSop): boolean => sop.source === CANNED_SOURCE;

/**
 * A canned response as an answer candidate beside the SOPs: a public, published VaSop whose
 * `## Answer` is the response. One that uses variables the bot can never fill (`agent.*`,
 * unknown ones) is left out, with those variables.
 */
export function cannedToSop(c: CannedResponse, accountId: number, clientUid: string): { sop: VaSop } | { unfillable: string[] } {
  const unfillable = variablesIn(c.content).filter((v) => !FILLABLE_VARIABLES.has(v));
  if (unfillable.length) return { unfillable };
  return {
    sop: {
      uid: `canned-${accountId}-${c.id}`,
      type: 'va.sop',
      client_uid: clientUid,
      title: c.short_code.slice(0, 200),
      // A `##` line inside the response would end the Answer section early.
      content: `## Answer\n${c.content.replace(/^##(?=\s)/gm, '###')}`,
      locale: detectLanguage(c.content.replace(/\{\{.*?\}\}/g, ' ')),
      status: 'published',
      sensitivity: { level: 'public' },
      steps: [],
      source: CANNED_SOURCE,
    },
  };
}

export interface CannedSyncDeps {
  listCannedResponses: (accountId: number) => Promise<CannedResponse[]>;
  directory: Pick<Directory, 'all'>;
  sops: Pick<SopIndex, 'replaceSource'>;
  log: Logger;
}

/**
 * Keeps each client's Chatwoot canned responses in its retrieval index; `refresh` runs at start
 * and then periodically. A failed fetch keeps the last good copy. Canned responses are
 * account-wide, so an account that serves several clients (by inbox) is left out: one client's
 * answers must never reach another client's customers.
 */
export function createCannedSync(deps: CannedSyncDeps) {
  const { log } = deps;
  /** Source key (`canned:<account>:<client>`) → how many documents it last fed. */
  const fed = new Map<string, number>();
  const sharedWarned = new Set<number>();
  let running: Promise<void> | undefined;

  async function syncAccount(accountId: number, clientUid: string, key: string) {
    let items: CannedResponse[];
    try {
      items = await deps.listCannedResponses(accountId);
    } catch (err) {
      log.warn({ accountId, err: (err as Error).message }, 'canned responses not refreshed: keeping the last good copy');
      return;
    }
    const docs: VaSop[] = [];
    for (const c of items) {
      const r = cannedToSop(c, accountId, clientUid);
      if ('sop' in r) docs.push(r.sop);
      else log.debug({ accountId, id: c.id, short_code: c.short_code, variables: r.unfillable }, 'canned response left out: the bot cannot fill its variables');
    }
    deps.sops.replaceSource(key, docs);
    const level = fed.get(key) === docs.length ? 'debug' : 'info';
    fed.set(key, docs.length);
    log[level]({ accountId, clientUid, indexed: docs.length, left_out: items.length - docs.length }, 'canned responses indexed');
  }

  async function run() {
    const clients = new Map<number, Set<string>>();
    for (const { support } of deps.directory.all()) {
      const account = support.chatwoot_account_id;
      if (account !== undefined) clients.set(account, (clients.get(account) ?? new Set()).add(support.client_uid));
    }
    const current = new Set<string>();
    const work: Promise<void>[] = [];
    for (const [accountId, uids] of clients) {
      if (uids.size > 1) {
        if (!sharedWarned.has(accountId)) log.warn({ accountId, clients: [...uids] }, 'canned responses not used: the account serves several clients and canned responses are account-wide');
        sharedWarned.add(accountId);
        continue;
      }
      const clientUid = [...uids][0]!;
      const key = `canned:${accountId}:${clientUid}`;
      current.add(key);
      work.push(syncAccount(accountId, clientUid, key));
    }
    await Promise.all(work);
    // A client no longer mapped to the account (or now sharing it) loses those answers.
    for (const key of fed.keys()) {
      if (current.has(key)) continue;
      deps.sops.replaceSource(key, []);
      fed.delete(key);
    }
  }

  return {
    /** One pass over every mapped account; a pass still running is joined, not doubled. */
    refresh(): Promise<void> {
      running ??= run().finally(() => (running = undefined));
      return running;
    },
  };
}
export type CannedSync = ReturnType<typeof createCannedSync>;
