import { isAxiosError } from 'axios';
import { HttpError } from '../http/errors.ts';
import type { RetryHint } from '../worker.ts';

/** A failed Chatwoot call, with what the job queue needs to decide on a retry. */
export class ChatwootError extends HttpError implements RetryHint {
  constructor(
    status: number,
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(status, message);
  }
}

function retryAfterMs(header: unknown): number | undefined {
  if (typeof header !== 'string') return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return secs * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Network trouble, 408, 429 and 5xx are worth another try; other 4xx are our bug or config. */
export function toChatwootError(err: unknown, what: string): ChatwootError {
  if (!isAxiosError(err)) return new ChatwootError(500, `${what}: ${String(err)}`, true);
  const status = err.response?.status;
  if (status === undefined) return new ChatwootError(503, `${what}: ${err.code ?? err.message}`, true);
  const reason = JSON.stringify(err.response?.data ?? '').slice(0, 300);
  const retryable = status === 408 || status === 429 || status >= 500;
  // Our own 4xx towards Chatwoot is a 502 for whoever called us.
  return new ChatwootError(retryable ? 503 : 502, `${what}: Chatwoot answered ${status} ${reason}`, retryable,
    retryAfterMs(err.response?.headers?.['retry-after']));
}
