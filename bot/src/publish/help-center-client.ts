import {
  articleListResponseSchema,
  articleResponseSchema,
  articleWriteBodySchema,
  type ArticleFields,
  type ArticleListResponse,
  type HelpCenterArticle,
} from '@sbf-chatwoot/shared';
import axios, { isAxiosError, type AxiosRequestConfig } from 'axios';
import axiosRetry, { exponentialDelay } from 'axios-retry';
import { z } from 'zod';
import { toChatwootError } from '../chatwoot/errors.ts';
import { HttpError } from '../http/errors.ts';

/**
 * A failed Help Center call: `status` for our caller, `chatwootStatus` as Chatwoot answered.
 * `fatal`: any other article of this account would fail the same way (no token, token refused,
 * Chatwoot unreachable, portal missing), so a run stops trying.
 */
export class HelpCenterError extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly chatwootStatus: number | undefined,
    readonly retryable: boolean,
    readonly fatal = false,
  ) {
    super(status, message);
  }
}

export interface HelpCenterClientOptions {
  baseUrl: string;
  /** An administrator's access token per account; Help Center writes are admin-only. */
  tokenFor: (accountId: number) => string | undefined;
  timeoutMs: number;
  retries?: number;
}

/** The fields a create needs; Chatwoot generates a slug when none is sent, and we always send ours. */
export type NewArticle = ArticleFields & { title: string; slug: string; author_id: number };

const profileSchema = z.looseObject({ id: z.number().int() });
const MAX_INLINE_WAIT_MS = 5000;
/** Connection-level failures: no point trying the next article. A timeout is not one of them. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The Help Center side of Chatwoot, with an admin user's token (never the bot's, never logged).
 * Retries like the bot client. A create is retried on 5xx too: it always carries our slug, which
 * is unique installation-wide, so a create that did land makes the retry fail with "slug taken"
 * instead of writing a duplicate. A create that timed out is not retried here; the next run looks
 * the slug up first.
 */
export function createHelpCenterClient(opts: HelpCenterClientOptions) {
  const http = axios.create({
    baseURL: `${opts.baseUrl}/api/v1`,
    timeout: opts.timeoutMs,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  axiosRetry(http, {
    retries: opts.retries ?? 2,
    retryDelay: (n, err) => exponentialDelay(n, err, 200),
    shouldResetTimeout: true,
    retryCondition: (err) => {
      const status = err.response?.status;
      if (status === 429) return Number(err.response?.headers?.['retry-after'] ?? 0) * 1000 <= MAX_INLINE_WAIT_MS;
      if (status !== undefined) return status >= 500;
      return !(err.config?.method === 'post' && (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT'));
    },
  });

  async function call<T>(accountId: number, what: string, schema: z.ZodType<T>, config: AxiosRequestConfig): Promise<T> {
    const token = opts.tokenFor(accountId);
    if (!token) {
      throw new HelpCenterError(503, `${what}: no admin token for account ${accountId}; set CHATWOOT_ADMIN_TOKEN or CHATWOOT_ADMIN_TOKENS="${accountId}:<token>"`, undefined, false, true);
    }
    let data: unknown;
    try {
      data = (await http.request({ ...config, headers: { api_access_token: token } })).data;
    } catch (err) {
      const status = isAxiosError(err) ? err.response?.status : undefined;
      if (status === 401 || status === 403) {
        throw new HelpCenterError(502, `${what}: Chatwoot refused the admin token for account ${accountId} (${status}); Help Center articles need an administrator's access token`, status, false, true);
      }
      const e = toChatwootError(err, what);
      const unreachable = isAxiosError(err) && !err.response && UNREACHABLE.has(err.code ?? '');
      throw new HelpCenterError(e.status, e.message, status, e.retryable, unreachable);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new HelpCenterError(502, `${what}: unexpected answer from Chatwoot: ${parsed.error.issues[0]?.message}`, undefined, false);
    return parsed.data;
  }

  const articles = (accountId: number, portal: string) => `/accounts/${accountId}/portals/${encodeURIComponent(portal)}/articles`;
  const body = (fields: ArticleFields) => articleWriteBodySchema.parse({ article: fields });

  return {
    /** Who the account's admin token belongs to: the default article author. */
    getProfile: (accountId: number) => call(accountId, 'read admin profile', profileSchema, { method: 'GET', url: '/profile' }),
    listArticles: (accountId: number, portal: string, page: number): Promise<ArticleListResponse> =>
      call(accountId, `list articles of portal ${portal}`, articleListResponseSchema, { method: 'GET', url: articles(accountId, portal), params: { page } }).catch((err) => {
        if (!(err instanceof HelpCenterError) || err.chatwootStatus !== 404) throw err;
        throw new HelpCenterError(502, `Chatwoot account ${accountId} has no Help Center portal "${portal}": check help_center_portal in the client's va.customer_support`, 404, false, true);
      }),
    createArticle: async (accountId: number, portal: string, fields: NewArticle): Promise<HelpCenterArticle> =>
      (await call(accountId, `create article ${fields.slug}`, articleResponseSchema, { method: 'POST', url: articles(accountId, portal), data: body(fields) })).payload,
    updateArticle: async (accountId: number, portal: string, id: number, fields: ArticleFields): Promise<HelpCenterArticle> =>
      (await call(accountId, `update article ${id}`, articleResponseSchema, { method: 'PATCH', url: `${articles(accountId, portal)}/${id}`, data: body(fields) })).payload,
    deleteArticle: async (accountId: number, portal: string, id: number): Promise<void> => {
      await call(accountId, `delete article ${id}`, z.unknown(), { method: 'DELETE', url: `${articles(accountId, portal)}/${id}` });
    },
  };
}
export type HelpCenterClient = ReturnType<typeof createHelpCenterClient>;
