import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** An error that knows its HTTP status; thrown at the edges, mapped once by `errorMiddleware`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    // body-parser errors carry `status`/`type` (e.g. entity.too.large → 413).
    const status: number = err instanceof HttpError ? err.status : Number(err?.status ?? err?.statusCode) || 500;
    if (status >= 500) log.error({ err }, 'request failed');
    const body: Record<string, unknown> = { error: status >= 500 ? 'internal error' : String(err.message ?? err) };
    if (err instanceof HttpError && err.details !== undefined) body.details = err.details;
    res.status(status).json(body);
  };
}
