import type { ArticleFields, VaSop } from '@sbf-chatwoot/shared';
import { createHash } from 'node:crypto';
import { customerText } from '../knowledge/sop-text.ts';

/** The article we want in Chatwoot for one SOP; `author_id` is added at send time. */
export type FormattedArticle = Required<Pick<ArticleFields, 'title' | 'slug' | 'content' | 'description' | 'status' | 'meta'>> &
  Pick<ArticleFields, 'locale' | 'associated_article_id'>;

export interface ArticleContext {
  /** `clientSlug(client_uid)`, e.g. `acme`: part of every slug, as slugs are installation-wide. */
  clientSlug: string;
  /** Shown after the title in the page title (`meta.title`). */
  company: string;
  /** The English article this one translates (`translation_of`), once that one is published. */
  associatedArticleId?: number;
}

const DESCRIPTION_MAX = 160;

const toSlug = (s: string) =>
  s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/**
 * Stable and unique across the Chatwoot installation: the client slug, then the SOP uid without
 * `va-sop-` (uids are unique in the vault and already carry the locale of translations).
 */
export function articleSlug(sopUid: string, clientSlug: string): string {
  const client = toSlug(clientSlug);
  const rest = toSlug(sopUid.replace(/^va-sop-/, ''));
  return rest === client || rest.startsWith(`${client}-`) ? rest : `${client}-${rest}`;
}

/** SOP template titles read "SOP – Inbox Zero"; the customer sees only the topic. */
export function articleTitle(sop: Pick<VaSop, 'title'>): string {
  return sop.title.replace(/^\s*SOP\s*[-–—:]\s*/i, '').trim();
}

const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const isInternalHeading = (text: string) => /\b(internal|va only|va-only|staff)\b/i.test(text);

/** Drops `###`-and-deeper subsections with an internal heading (customerText splits on `##` only). */
function dropInternalSubsections(markdown: string): string {
  const out: string[] = [];
  let skipDepth = 0;
  for (const line of markdown.split('\n')) {
    const h = /^(#{1,6})\s+(.+?)\s*$/.exec(line);
    if (h && skipDepth && h[1]!.length <= skipDepth) skipDepth = 0;
    if (h && !skipDepth && isInternalHeading(h[2]!)) skipDepth = h[1]!.length;
    if (!skipDepth) out.push(line);
  }
  return out.join('\n');
}

/**
 * Customer-facing markdown: the SOP's Answer (or its non-internal sections, or its steps as a
 * numbered list when there is no body), without internal subsections or HTML comments, which
 * Chatwoot would still serve in the raw `.md` of the article.
 */
export function articleContent(sop: VaSop): string {
  const text = dropInternalSubsections(customerText(sop).replace(HTML_COMMENT, ''));
  const tidy = text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
  return tidy ? `${tidy}\n` : '';
}

/** Markdown → one line of plain text. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/(?<!\w)(\*\*|__|\*|_|`)(.+?)\1(?!\w)/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** First sentence(s) of the answer, at most 160 characters; a long first sentence is cut at a word. */
export function articleDescription(markdown: string, max = DESCRIPTION_MAX): string {
  const text = plainText(markdown);
  const sentences = text.split(/(?<=[.!?…])\s+(?=[\p{Lu}\p{N}¿¡"'(])/u);
  let out = '';
  for (const s of sentences) {
    const next = out ? `${out} ${s}` : s;
    if (next.length > max) break;
    out = next;
  }
  if (out) return out;
  const cut = text.slice(0, max - 1);
  const atWord = cut.includes(' ') ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return `${atWord.replace(/[\s,;:.–—-]+$/, '')}…`;
}

const uniqueTags = (tags: string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];

/** The whole article for one public, published SOP. Pure: same SOP and context, same article. */
export function formatArticle(sop: VaSop, ctx: ArticleContext): FormattedArticle {
  const title = articleTitle(sop);
  const content = articleContent(sop);
  const description = articleDescription(content);
  return {
    title,
    slug: articleSlug(sop.uid, ctx.clientSlug),
    content,
    description,
    status: 'published',
    ...(sop.locale ? { locale: sop.locale } : {}),
    ...(ctx.associatedArticleId ? { associated_article_id: ctx.associatedArticleId } : {}),
    meta: { title: `${title} | ${ctx.company}`, description, tags: uniqueTags(sop.tags) },
  };
}

/** JSON with sorted keys, so the hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `sha256:<hex>` of the formatted article: equal hash, nothing to send. */
export function contentHash(article: FormattedArticle): string {
  return `sha256:${createHash('sha256').update(canonical(article)).digest('hex')}`;
}

/** `{base}/hc/{portal}/articles/{slug}`: no locale segment (DASHBOARD-APP-HELP-CENTER-CAPTAIN.md §2.3). */
export const articleUrl = (helpCenterUrl: string, portal: string, slug: string) =>
  `${helpCenterUrl}/hc/${encodeURIComponent(portal)}/articles/${slug}`;
