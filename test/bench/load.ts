import autocannon from 'autocannon';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { loadTest } from 'loadtest';
import { summarize, type Summary } from './stats.ts';

export interface LoadResult {
  /** Responses per second over the run (2xx only). */
  reqPerSec: number;
  /** Per-request latency in ms, from autocannon's per-response timings (µs resolution). */
  latency: Summary;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  /** Offered load in requests per second; unset = as fast as the server answers. */
  rate?: number;
  next: () => { headers: Record<string, string>; body: string };
  /** Also receives every 2xx latency (ms), to pool several runs into one summary. */
  collect?: number[];
}

/**
 * POST /chatwoot/webhook at a steady `rate`, open loop: loadtest starts each request on its own
 * schedule (every 1/rate s), whatever the earlier ones are doing, as Chatwoot's Sidekiq workers
 * send webhooks. autocannon's rate limit instead lets each connection send its whole per-second
 * quota back to back at the top of every second, so what it reports is latency at saturation.
 * Latency is timed here from the moment a request is started to the end of its response (µs
 * resolution; loadtest's own rounds down to whole ms).
 */
export async function paced(opts: Omit<LoadOptions, 'connections' | 'rate'> & { rate: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let inFlight = 0;
  const requestGenerator = (
    _options: unknown,
    params: RequestOptions,
    request: (p: RequestOptions, onResponse: (res: IncomingMessage) => void) => ClientRequest,
    connect: (res: IncomingMessage) => void,
  ) => {
    const { headers, body } = opts.next();
    const started = process.hrtime.bigint();
    inFlight++;
    const req = request({ ...params, headers: { ...params.headers, ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.on('end', () => {
        inFlight--;
        if (res.statusCode! >= 200 && res.statusCode! < 300) {
          ok++;
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          latencies.push(ms);
          opts.collect?.push(ms);
        } else non2xx++;
      });
      connect(res);
    });
    req.on('error', () => {
      inFlight--;
      errors++;
    });
    req.write(body);
    return req;
  };
  await (loadTest as unknown as (o: object) => Promise<unknown>)({
    url: `${opts.url}/chatwoot/webhook`,
    method: 'POST',
    requestsPerSecond: opts.rate,
    maxSeconds: opts.seconds,
    agentKeepAlive: true,
    quiet: true,
    requestGenerator,
  });
  // Requests sent before the end are still answered: count them, and keep them out of the next run.
  for (const deadline = Date.now() + 5000; inFlight > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
  return { reqPerSec: ok / opts.seconds, latency: summarize(latencies), ok, non2xx, errors, seconds: opts.seconds };
}

/**
 * One autocannon run of POST /chatwoot/webhook. autocannon's own histogram rounds to whole
 * milliseconds, so latencies are collected from its `response` events instead.
 */
export function load(opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.seconds,
        ...(opts.rate ? { overallRate: opts.rate } : {}),
        requests: [
          {
            method: 'POST',
            path: '/chatwoot/webhook',
            setupRequest: (req) => ({ ...req, ...opts.next() }),
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const ok = result['2xx'];
        resolve({
          reqPerSec: ok / opts.seconds,
          latency: summarize(latencies),
          ok,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          seconds: opts.seconds,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) {
        latencies.push(ms);
        opts.collect?.push(ms);
      }
    });
  });
}

/** Several runs as one: counts added, latencies pooled from their `collect` array. */
export function pooled(runs: LoadResult[], latencies: number[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => runs.reduce((n, r) => n + f(r), 0);
  const seconds = sum((r) => r.seconds);
  return {
    reqPerSec: sum((r) => r.ok) / seconds,
    latency: summarize(latencies),
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    seconds,
  };
}
