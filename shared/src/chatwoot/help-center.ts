import { z } from 'zod';

/**
 * Help Center articles (AGENT-BOT.md §8, help-center/README.md). Written with an administrator's
 * user token; the Agent Bot token may not touch them.
 */

export const articleStatusSchema = z.enum(['draft', 'published', 'archived']);
export type ArticleStatus = z.infer<typeof articleStatusSchema>;

/** What `meta` may hold: Chatwoot permits title, description and tags (SEO). */
export const articleMetaSchema = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
});

/** Lowercase words joined by single hyphens; slugs are unique across the whole installation. */
export const articleSlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lowercase words joined by hyphens');

/**
 * Body of POST/PATCH `…/portals/{portal_slug}/articles[/{id}]`, nested under `article` as the
 * controller reads it. Every key is optional for PATCH; create needs title, author_id, and
 * content when published.
 */
export const articleWriteBodySchema = z.object({
  article: z.object({
    title: z.string().min(1).optional(),
    slug: articleSlugSchema.optional(),
    position: z.number().int().optional(),
    content: z.string().optional(),
    description: z.string().optional(),
    category_id: z.number().int().optional(),
    author_id: z.number().int().optional(),
    associated_article_id: z.number().int().optional(),
    status: articleStatusSchema.optional(),
    locale: z.string().optional(),
    meta: articleMetaSchema.optional(),
  }),
});
export type ArticleWriteBody = z.infer<typeof articleWriteBodySchema>;
export type ArticleFields = ArticleWriteBody['article'];

/** One article as the authoring API renders it; only the fields we read. */
export const helpCenterArticleSchema = z.looseObject({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  status: articleStatusSchema,
  content: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  updated_at: z.number().optional(),
});
export type HelpCenterArticle = z.infer<typeof helpCenterArticleSchema>;

export const articleResponseSchema = z.looseObject({ payload: helpCenterArticleSchema });

/** GET `…/articles?page=` (25 per page). */
export const articleListResponseSchema = z.looseObject({
  payload: z.array(helpCenterArticleSchema),
  meta: z
    .looseObject({
      articles_count: z.number().int().optional(),
      current_page: z.coerce.number().int().optional(),
    })
    .default({}),
});
export type ArticleListResponse = z.infer<typeof articleListResponseSchema>;
