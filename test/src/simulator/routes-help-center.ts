import { loadHelpCenterFixture } from '../fixtures.ts';
import { ACCOUNT, internalError, notFound, ok, route, type Route, type RouteContext, type RouteResult } from './route-kit.ts';
import type { ArticleRecord } from './state.ts';
import { articleView } from './views.ts';

/** Help Center articles (DASHBOARD-APP-HELP-CENTER-CAPTAIN.md §2.2). Portals are addressed by slug. */

const ARTICLES = `${ACCOUNT}/portals/{portal_slug}/articles`;
const STATUS_BY_INT = ['draft', 'published', 'archived'] as const;
const RESERVED_SLUGS = new Set(['search', 'articles', 'categories']);
const PER_PAGE = 25;
const FIXTURE_CATEGORY = loadHelpCenterFixture('article').payload.category as { id: number; slug: string; locale: string };

type Status = ArticleRecord['status'];

function normaliseStatus(value: unknown): Status | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || /^\d$/.test(String(value))) return STATUS_BY_INT[Number(value)] ?? 'invalid';
  return (STATUS_BY_INT as readonly string[]).includes(String(value)) ? (value as Status) : 'invalid';
}

const parameterize = (s: string) =>
  s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** Controllers read `params[:article]`; Rails' params wrapping also nests a flat body. */
const articleParams = (ctx: RouteContext): Record<string, any> =>
  ctx.body.article && typeof ctx.body.article === 'object' ? ctx.body.article : ctx.body;

function withPortal(ctx: RouteContext, fn: (portal: string) => RouteResult): RouteResult {
  return ctx.account.portals.has(ctx.params.portal_slug!) ? fn(ctx.params.portal_slug!) : notFound();
}

function withArticle(ctx: RouteContext, fn: (a: ArticleRecord) => RouteResult): RouteResult {
  return withPortal(ctx, (portal) => {
    const article = ctx.account.articles.get(Number(ctx.params.article_id));
    return article && article.portal === portal ? fn(article) : notFound();
  });
}

/** Applies permitted keys onto `a`; returns a validation message or null. */
function apply(ctx: RouteContext, a: ArticleRecord, p: Record<string, any>): string | null {
  for (const key of ['title', 'content', 'description', 'draft_title', 'draft_content'] as const) if (key in p) a[key] = p[key];
  if ('author_id' in p) a.author_id = p.author_id;
  if ('category_id' in p) a.category_id = p.category_id ?? null;
  if (p.meta && typeof p.meta === 'object') a.meta = { title: p.meta.title, description: p.meta.description, tags: p.meta.tags };
  if (typeof p.position === 'number') a.position = p.position;
  const status = normaliseStatus(p.status);
  if (status === 'invalid') return 'invalid status';
  if (status) a.status = status;
  a.locale = a.category_id === FIXTURE_CATEGORY.id ? FIXTURE_CATEGORY.locale : (p.locale ?? a.locale);
  if (typeof p.slug === 'string') a.slug = p.slug;
  if (!a.title) return "Title can't be blank";
  if (!ctx.account.users.some((u) => u.id === a.author_id)) return 'Author must exist';
  if (a.status === 'published' && !a.content) return "Content can't be blank";
  if (RESERVED_SLUGS.has(a.slug)) return 'Slug is reserved';
  if (ctx.state.slugTaken(a.slug, a.id)) return 'Slug has already been taken';
  return null;
}

function create(ctx: RouteContext, portal: string): RouteResult {
  const p = articleParams(ctx);
  const now = Math.floor(Date.now() / 1000);
  const inCategory = [...ctx.account.articles.values()].filter((x) => x.category_id === (p.category_id ?? null));
  const a: ArticleRecord = {
    id: ctx.state.nextArticleId(),
    portal,
    slug: `${now}-${parameterize(String(p.title ?? ''))}`,
    title: '',
    content: null,
    description: null,
    status: 'draft',
    draft_title: null,
    draft_content: null,
    position: Math.max(0, ...inCategory.map((x) => x.position)) + 10,
    category_id: null,
    author_id: 0,
    locale: 'en',
    meta: {},
    views: 0,
    updated_at: now,
  };
  const error = apply(ctx, a, p);
  if (error === 'invalid status') return internalError();
  if (error) return { status: 422, body: { error } };
  ctx.account.articles.set(a.id, a);
  return ok({ payload: articleView(ctx.account, a) });
}

function update(ctx: RouteContext, a: ArticleRecord): RouteResult {
  const p = articleParams(ctx);
  const draft = { ...a };
  const error = apply(ctx, draft, p);
  if (error === 'invalid status') return internalError();
  if (error) return { status: 422, body: { message: error } };
  // Editor autosave (draft_title/draft_content only) does not bump updated_at.
  const autosaveOnly = Object.keys(p).every((k) => k === 'draft_title' || k === 'draft_content');
  Object.assign(a, draft, autosaveOnly ? {} : { updated_at: Math.floor(Date.now() / 1000) });
  return ok({ payload: articleView(ctx.account, a) });
}

function index(ctx: RouteContext, portal: string): RouteResult {
  const { query, account } = ctx;
  const base = [...account.articles.values()].filter((a) => a.portal === portal && (!query.locale || a.locale === query.locale));
  const q = query.query?.toLowerCase();
  const status = normaliseStatus(query.status);
  const filtered = base
    .filter((a) => !status || a.status === status)
    .filter((a) => !query.author_id || a.author_id === Number(query.author_id))
    .filter((a) => !query.category_slug || (query.category_slug === FIXTURE_CATEGORY.slug && a.category_id === FIXTURE_CATEGORY.id))
    .filter((a) => !q || [a.title, a.description, a.content].some((s) => s?.toLowerCase().includes(q)))
    .sort((a, b) => a.position - b.position);
  const page = Math.max(1, Number(query.page) || 1);
  const count = (s: Status) => base.filter((a) => a.status === s).length;
  return ok({
    payload: filtered.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((a) => articleView(account, a)),
    meta: {
      all_articles_count: base.length,
      archived_articles_count: count('archived'),
      articles_count: filtered.length,
      current_page: page,
      draft_articles_count: count('draft'),
      mine_articles_count: base.filter((a) => a.author_id === ctx.auth.user?.id).length,
      published_count: count('published'),
    },
  });
}

export const helpCenterRoutes: Route[] = [
  route('GET', ARTICLES, (ctx) => withPortal(ctx, (portal) => index(ctx, portal))),
  route('POST', ARTICLES, (ctx) => withPortal(ctx, (portal) => create(ctx, portal)), true),
  route('GET', `${ARTICLES}/{article_id}`, (ctx) => withArticle(ctx, (a) => ok({ payload: articleView(ctx.account, a) })), true),
  route('PATCH', `${ARTICLES}/{article_id}`, (ctx) => withArticle(ctx, (a) => update(ctx, a)), true),
  route(
    'DELETE',
    `${ARTICLES}/{article_id}`,
    (ctx) =>
      withArticle(ctx, (a) => {
        ctx.account.articles.delete(a.id);
        return ok();
      }),
    true,
  ),
];
