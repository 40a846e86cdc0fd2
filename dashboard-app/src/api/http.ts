import { apiErrorSchema, USER_TOKEN_HEADER } from '@sbf-chatwoot/shared';
import type { z } from 'zod';

/**
 * The one HTTP client of the app: same-origin bot API, app token on every call, the VA's
 * token once known, answers parsed with shared schemas. Plain `fetch` rather than axios:
 * axios alone is ~21 KB gzip, a quarter of the 80 KB initial-JS budget.
 */
const TIMEOUT_MS = 10_000;
let baseURL = '/api/dashboard';
const headers: Record<string, string> = {};

/** A failed call, with the bot's sentence for the VA and, for credential problems, a code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** What a VA reads when a call failed: the bot's sentence, or the error itself. */
export const errorMessage = (err: unknown): string => (err instanceof ApiError ? err.message : String(err));

export function configureApi(opts: { baseURL?: string; appToken?: string | null; userToken?: string | null }) {
  if (opts.baseURL !== undefined) baseURL = opts.baseURL;
  const set = (name: string, value: string | null | undefined) => {
    if (value === undefined) return;
    if (value) headers[name] = value;
    else delete headers[name];
  };
  set('authorization', opts.appToken === undefined ? undefined : opts.appToken && `Bearer ${opts.appToken}`);
  set(USER_TOKEN_HEADER, opts.userToken);
}

export interface RequestConfig {
  method: 'GET' | 'POST';
  url: string;
  params?: Record<string, string | number>;
  data?: unknown;
}

function toApiError(status: number, body: unknown): ApiError {
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) return new ApiError(`the bot answered ${status}`, status);
  const code = (parsed.data.details as { code?: unknown } | undefined)?.code;
  return new ApiError(parsed.data.error, status, typeof code === 'string' ? code : undefined);
}

/** Sends, then parses the answer with its shared schema: a drifted bot fails loudly here. */
export async function request<T>(schema: z.ZodType<T>, config: RequestConfig): Promise<T> {
  const query = config.params ? `?${new URLSearchParams(Object.entries(config.params).map(([k, v]) => [k, String(v)]))}` : '';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let res: Response;
  let body: unknown;
  try {
    res = await fetch(`${baseURL}${config.url}${query}`, {
      method: config.method,
      headers: config.data === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: config.data === undefined ? undefined : JSON.stringify(config.data),
      credentials: 'omit',
      signal: controller.signal,
    });
    body = await res.json().catch(() => undefined);
  } catch (err) {
    throw new ApiError(`the bot cannot be reached (${(err as Error).name === 'AbortError' ? 'timed out' : (err as Error).message})`, 0);
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok) throw toApiError(res.status, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(`unexpected answer from the bot: ${parsed.error.issues[0]?.message}`, res.status);
  return parsed.data;
}
