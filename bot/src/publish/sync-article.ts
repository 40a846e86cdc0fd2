import type { PublishItem, VaSop } from '@sbf-chatwoot/shared';
import { articleUrl, contentHash, formatArticle, type FormattedArticle } from './format-article.ts';
import { HelpCenterError, type HelpCenterClient } from './help-center-client.ts';
import type { PortalIndex } from './portal-index.ts';
import { isPublishable, takedownFor } from './publish-rule.ts';

export type PublishField = NonNullable<VaSop['publish']>;

/** Where one client's articles go. */
export interface PortalTarget {
  clientUid: string;
  clientSlug: string;
  company: string;
  accountId: number;
  portal: string;
}

export interface SyncDeps {
  /** Undefined in a dry run: nothing is sent. */
  helpCenter: HelpCenterClient | undefined;
  index: PortalIndex | undefined;
  authorId: () => Promise<number>;
  helpCenterUrl: string;
  now: () => Date;
}

/** The item for the report, and the new `publish` field to write back (none: leave the SOP alone). */
export interface SyncResult {
  item: PublishItem;
  publish?: PublishField;
}

const isNotFound = (err: unknown) => err instanceof HelpCenterError && err.chatwootStatus === 404;
const isSlugTaken = (err: unknown) => err instanceof HelpCenterError && err.chatwootStatus === 422 && /slug/i.test(err.message);

/** Creates the article, or adopts the one that already carries our slug (PATCHing it to our text). */
async function createOrAdopt(hc: HelpCenterClient, index: PortalIndex, t: PortalTarget, article: FormattedArticle, authorId: () => Promise<number>) {
  const existing = await index.find(article.slug);
  if (existing) return { article: await hc.updateArticle(t.accountId, t.portal, existing.id, article), adopted: true };
  try {
    return { article: await hc.createArticle(t.accountId, t.portal, { ...article, author_id: await authorId() }), adopted: false };
  } catch (err) {
    if (!isSlugTaken(err)) throw err;
    index.forget();
    const landed = await index.find(article.slug);
    // Taken by an article outside this portal: only a human can sort that out.
    if (!landed) throw err;
    return { article: await hc.updateArticle(t.accountId, t.portal, landed.id, article), adopted: true };
  }
}

async function publish(sop: VaSop, t: PortalTarget, deps: SyncDeps, associatedArticleId?: number): Promise<SyncResult> {
  const base = { client_uid: t.clientUid, sop_uid: sop.uid };
  const article = formatArticle(sop, { clientSlug: t.clientSlug, company: t.company, associatedArticleId });
  if (!article.content) return { item: { ...base, action: 'failed', detail: 'the SOP has no customer-facing text (## Answer)' } };
  const hash = contentHash(article);
  const pub = sop.publish;
  const live = pub?.article_id !== undefined && pub.status !== 'deleted';
  const samePortal = live && pub.portal_slug === t.portal && (pub.account_id ?? t.accountId) === t.accountId;
  if (samePortal && pub.content_hash === hash && (pub.status ?? 'published') === 'published') {
    return { item: { ...base, action: 'unchanged', article_id: pub.article_id, url: pub.url } };
  }
  const { helpCenter: hc, index } = deps;
  if (!hc || !index) return { item: { ...base, action: samePortal ? 'updated' : 'created', url: articleUrl(deps.helpCenterUrl, t.portal, article.slug) } };

  let result: { article: { id: number; slug: string }; adopted: boolean } | undefined;
  if (samePortal) {
    try {
      result = { article: await hc.updateArticle(t.accountId, t.portal, pub.article_id!, article), adopted: false };
    } catch (err) {
      if (!isNotFound(err)) throw err; // deleted in Chatwoot by hand: create it again
    }
  } else if (live) {
    // The client moved to another portal: the old article holds our slug, which is installation-wide.
    await hc.deleteArticle(pub.account_id ?? t.accountId, pub.portal_slug!, pub.article_id!).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  }
  const created = !result;
  result ??= await createOrAdopt(hc, index, t, article, deps.authorId);
  const url = articleUrl(deps.helpCenterUrl, t.portal, result.article.slug);
  return {
    item: { ...base, action: created ? 'created' : 'updated', article_id: result.article.id, url, ...(result.adopted ? { detail: 'adopted the existing article with this slug' } : {}) },
    publish: {
      target: 'chatwoot_help_center',
      portal_slug: t.portal,
      account_id: t.accountId,
      article_id: result.article.id,
      slug: result.article.slug,
      url,
      content_hash: hash,
      published_at: deps.now().toISOString(),
      status: 'published',
    },
  };
}

async function takeDown(sop: VaSop, t: PortalTarget, deps: SyncDeps): Promise<SyncResult | undefined> {
  const how = takedownFor(sop);
  const pub = sop.publish;
  if (!how || !pub?.article_id) return undefined;
  const base = { client_uid: t.clientUid, sop_uid: sop.uid, action: 'unpublished' as const, article_id: pub.article_id };
  const detail = how === 'delete' ? 'deleted: the SOP is no longer public' : 'archived: the SOP is not published';
  const hc = deps.helpCenter;
  if (!hc) return { item: { ...base, detail } };
  const where = [pub.account_id ?? t.accountId, pub.portal_slug ?? t.portal] as const;
  let gone = how === 'delete';
  let note = detail;
  try {
    if (how === 'delete') await hc.deleteArticle(...where, pub.article_id);
    else await hc.updateArticle(...where, pub.article_id, { status: 'archived' });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    gone = true;
    note = 'the article was already gone from Chatwoot';
  }
  const { article_id, url, content_hash: _hash, ...rest } = pub;
  const unpublished_at = deps.now().toISOString();
  return {
    item: { ...base, detail: note },
    publish: gone ? { ...rest, status: 'deleted', unpublished_at } : { ...rest, article_id, url, status: 'archived', unpublished_at },
  };
}

/**
 * Brings one SOP's article in line with the SOP: create, update, leave, or take down.
 * Undefined when the SOP is not public and never was.
 */
export function syncArticle(sop: VaSop, t: PortalTarget, deps: SyncDeps, associatedArticleId?: number): Promise<SyncResult | undefined> {
  return isPublishable(sop) ? publish(sop, t, deps, associatedArticleId) : takeDown(sop, t, deps);
}
