import type { HelpCenterArticle } from '@sbf-chatwoot/shared';
import type { HelpCenterClient } from './help-center-client.ts';

/** Far beyond any real portal (25 articles a page); stops a misbehaving server from looping us. */
const MAX_PAGES = 400;

/**
 * One portal's articles by slug, listed at most once per run and only when a create needs it:
 * before creating, we adopt an article that already has our slug (a create whose answer was lost,
 * or whose write-back to the vault failed), so a retry never makes a duplicate.
 */
export function createPortalIndex(client: Pick<HelpCenterClient, 'listArticles'>, accountId: number, portal: string) {
  let listing: Promise<Map<string, HelpCenterArticle>> | undefined;

  async function list(): Promise<Map<string, HelpCenterArticle>> {
    const bySlug = new Map<string, HelpCenterArticle>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { payload, meta } = await client.listArticles(accountId, portal, page);
      for (const a of payload) bySlug.set(a.slug, a);
      if (!payload.length || (meta.articles_count !== undefined && bySlug.size >= meta.articles_count)) break;
    }
    return bySlug;
  }

  return {
    async find(slug: string): Promise<HelpCenterArticle | undefined> {
      listing ??= list();
      try {
        return (await listing).get(slug);
      } catch (err) {
        listing = undefined;
        throw err;
      }
    },
    /** After Chatwoot said "slug taken", the listing is stale: read it again on the next `find`. */
    forget(): void {
      listing = undefined;
    },
  };
}
export type PortalIndex = ReturnType<typeof createPortalIndex>;
