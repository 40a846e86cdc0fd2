import autocannon from 'autocannon';
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
