import { vaSopSchema, type PublishReport, type VaSop } from '@sbf-chatwoot/shared';
import type { Logger } from 'pino';
import type { PublishConfig } from '../config.ts';
import { HttpError } from '../http/errors.ts';
import type { ClientSetup } from '../sbf/directory.ts';
import type { SbfStore } from '../sbf/store.ts';
import { clientSlug } from '../sbf/uid.ts';
import type { HelpCenterClient } from './help-center-client.ts';
import { failFast } from './fail-fast.ts';
import { createPortalIndex } from './portal-index.ts';
import { publishOrder } from './publish-rule.ts';
import { syncArticle, type PortalTarget, type SyncDeps } from './sync-article.ts';

export interface PublishDeps {
  store: SbfStore;
  directory: { all(): ClientSetup[] };
  /** Undefined when no admin token is configured: then only dry runs are possible. */
  helpCenter: HelpCenterClient | undefined;
  /** CHATWOOT_HELP_CENTER_AUTHOR_ID; unset = each account's admin profile. */
  authorId?: number;
  helpCenterUrl: string;
  log: Logger;
  now?: () => Date;
}

export interface PublishOptions {
  clientUid?: string;
  dryRun?: boolean;
}

export const ADMIN_TOKEN_MISSING =
  'CHATWOOT_ADMIN_TOKEN is not set: Help Center articles can only be written with an administrator\'s access token ' +
  '(Chatwoot → Profile settings → Access token, as an admin). Set CHATWOOT_ADMIN_TOKEN, or CHATWOOT_ADMIN_TOKENS="<account id>:<token>,…"';

/** Why publishing cannot run, in words for the operator; undefined when an admin token is set. */
export const adminTokenProblem = (cfg: Pick<PublishConfig, 'adminToken' | 'adminTokens'>): string | undefined =>
  cfg.adminToken || cfg.adminTokens.size ? undefined : ADMIN_TOKEN_MISSING;

const emptyReport = (dryRun: boolean): PublishReport => ({ dry_run: dryRun, created: 0, updated: 0, unchanged: 0, unpublished: 0, failed: [], skipped: [], items: [] });

/**
 * Publishes each client's public, published SOPs to its Help Center portal, updates changed ones,
 * takes down those no longer public, and writes article id, URL and content hash back to the SOP.
 * Generic SOPs (no client) are left out: one SOP has one `publish` field, so one portal.
 */
export async function publishSops(deps: PublishDeps, opts: PublishOptions = {}): Promise<PublishReport> {
  const dryRun = opts.dryRun ?? false;
  if (!dryRun && !deps.helpCenter) throw new HttpError(503, ADMIN_TOKEN_MISSING);
  const all = deps.directory.all();
  const setups = opts.clientUid ? all.filter((s) => s.support.client_uid === opts.clientUid) : all;
  if (opts.clientUid && !setups.length) {
    const known = all.map((s) => s.support.client_uid).join(', ') || 'none';
    throw new HttpError(404, `unknown client ${opts.clientUid}: no active va.customer_support names it (known: ${known})`);
  }
  const report = emptyReport(dryRun);
  const authors = new Map<number, Promise<number>>();
  for (const setup of setups) {
    const { support, client } = setup;
    const portal = support.help_center_portal;
    const accountId = support.chatwoot_account_id;
    if (!portal || accountId === undefined) {
      report.skipped.push({ client_uid: support.client_uid, reason: `${support.uid} has no ${portal ? 'chatwoot_account_id' : 'help_center_portal'}` });
      continue;
    }
    const target: PortalTarget = {
      clientUid: support.client_uid,
      clientSlug: clientSlug(support.client_uid),
      company: client?.company ?? client?.title ?? support.client_uid,
      accountId,
      portal,
    };
    const hc = dryRun || !deps.helpCenter ? undefined : failFast(deps.helpCenter);
    const sync: SyncDeps = {
      helpCenter: hc,
      index: hc && createPortalIndex(hc, accountId, portal),
      authorId: () => {
        if (deps.authorId) return Promise.resolve(deps.authorId);
        if (!authors.has(accountId)) authors.set(accountId, hc!.getProfile(accountId).then((p) => p.id));
        return authors.get(accountId)!;
      },
      helpCenterUrl: deps.helpCenterUrl,
      now: deps.now ?? (() => new Date()),
    };
    await publishClient(deps, target, sync, report);
  }
  return report;
}

async function publishClient(deps: PublishDeps, t: PortalTarget, sync: SyncDeps, report: PublishReport): Promise<void> {
  const log = deps.log.child({ client: t.clientUid, portal: t.portal });
  const fail = (sopUid: string, error: string) => {
    log.warn({ sop: sopUid, error }, 'help center article not synced');
    report.items.push({ client_uid: t.clientUid, sop_uid: sopUid, action: 'failed', detail: error });
    report.failed.push({ client_uid: t.clientUid, sop_uid: sopUid, error });
  };
  const sops: VaSop[] = [];
  for (const raw of await deps.store.query({ type: 'va.sop', client_uid: t.clientUid })) {
    const parsed = vaSopSchema.safeParse(raw);
    if (parsed.success) sops.push(parsed.data);
    else fail(raw.uid, `invalid va.sop: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  }
  // SOP uid → its live article, so translations can point at their original.
  const articleIds = new Map<string, number | undefined>();
  for (const sop of publishOrder(sops)) {
    const original = typeof sop.translation_of === 'string' ? articleIds.get(sop.translation_of) : undefined;
    try {
      const result = await syncArticle(sop, t, sync, original);
      if (!result) continue;
      const { item } = result;
      if (item.action === 'failed') {
        fail(sop.uid, item.detail ?? 'failed');
        continue;
      }
      // Written back before counting: if the vault write fails, the next run adopts the article by its slug.
      if (result.publish && !report.dry_run) await deps.store.update(sop.uid, { publish: result.publish });
      report.items.push(item);
      report[item.action] += 1;
      if (item.action !== 'unpublished') articleIds.set(sop.uid, item.article_id);
      if (item.action !== 'unchanged') log.info({ sop: sop.uid, action: item.action, articleId: item.article_id, dryRun: report.dry_run }, 'help center article synced');
    } catch (err) {
      fail(sop.uid, err instanceof Error ? err.message : String(err));
    }
  }
}
