/**
 * Failure injection for the simulated Chatwoot API, so tests can see how the bot copes with
 * a flaky or unreachable Chatwoot. Injected responses are recorded in `sim.calls` as well.
 */

export type FaultStatus = 500 | 502 | 503 | 429;
export type DownMode = 'http503' | 'reset';

export interface FaultFilter {
  method?: string;
  /** RegExp on the path, or a path suffix. */
  path?: RegExp | string;
}

export type FaultAction =
  | { kind: 'status'; status: FaultStatus; retryAfterSec?: number; label: string }
  | { kind: 'reset'; label: string };

interface Rule<T> extends FaultFilter {
  remaining: number;
  value: T;
}

function matches(rule: FaultFilter, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? path.endsWith(rule.path) : rule.path.test(path);
}

/** Takes one use of the first matching rule, dropping it once spent. */
function take<T>(rules: Array<Rule<T>>, method: string, path: string): T | undefined {
  const rule = rules.find((r) => matches(r, method, path));
  if (!rule) return undefined;
  if (--rule.remaining <= 0) rules.splice(rules.indexOf(rule), 1);
  return rule.value;
}

export function createFaults() {
  const failures: Array<Rule<{ status: FaultStatus; retryAfterSec?: number }>> = [];
  const delays: Array<Rule<number>> = [];
  let downMode: DownMode | null = null;

  const api = {
    /** The next `n` matching API calls fail with `status` (and touch no state). */
    failNext(n: number, opts: { status: FaultStatus; retryAfterSec?: number } & FaultFilter): void {
      const { status, retryAfterSec, ...filter } = opts;
      failures.push({ ...filter, remaining: n, value: { status, retryAfterSec } });
    },
    /** The next `n` matching calls are held for `ms` before being handled normally. */
    delayNext(n: number, ms: number, filter: FaultFilter = {}): void {
      delays.push({ ...filter, remaining: n, value: ms });
    },
    /** Every API call fails: with a proxy's 503 page, or by dropping the connection. */
    down(mode: DownMode = 'http503'): void {
      downMode = mode;
    },
    up(): void {
      downMode = null;
    },
    clear(): void {
      failures.length = 0;
      delays.length = 0;
      downMode = null;
    },
  };

  function decide(method: string, path: string): { delayMs: number; action?: FaultAction } {
    const delayMs = take(delays, method, path) ?? 0;
    if (downMode === 'reset') return { delayMs, action: { kind: 'reset', label: 'down:reset' } };
    if (downMode === 'http503') return { delayMs, action: { kind: 'status', status: 503, label: 'down:http503' } };
    const failure = take(failures, method, path);
    if (!failure) return { delayMs };
    return { delayMs, action: { kind: 'status', ...failure, label: `failNext:${failure.status}` } };
  }

  return { api, decide };
}

export type FaultsApi = ReturnType<typeof createFaults>['api'];

/** What each status looks like in production: Rack::Attack, Rails, or the proxy in front. */
export function faultResponse(status: FaultStatus, retryAfterSec?: number) {
  if (status === 429) {
    const headers: Record<string, string> = { 'content-type': 'text/plain' };
    if (retryAfterSec !== undefined) headers['retry-after'] = String(retryAfterSec);
    return { headers, body: 'Retry later\n' };
  }
  if (status === 500) {
    return { headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"status":500,"error":"Internal Server Error"}' };
  }
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return {
    headers: { 'content-type': 'text/html' },
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}
