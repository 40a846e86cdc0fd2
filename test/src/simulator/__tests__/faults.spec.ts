import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../index.ts';
import { api, conv, start } from './helpers.ts';

describe('simulator fault injection', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await start();
    sim.openConversation({ accountId: 1, displayId: 27 });
  });
  afterEach(() => sim.close());

  it('when failNext is set for a path, then only matching calls fail, and without touching state', async () => {
    sim.faults.failNext(2, { status: 500, method: 'POST', path: /\/messages$/ });
    expect((await api(sim, 'GET', conv(27), 'bot-token-1')).status).toBe(200);
    expect((await api(sim, 'POST', `${conv(27)}/messages`, 'bot-token-1', { content: 'a' })).status).toBe(500);
    expect((await api(sim, 'POST', `${conv(27)}/messages`, 'bot-token-1', { content: 'a' })).status).toBe(500);
    expect((await api(sim, 'POST', `${conv(27)}/messages`, 'bot-token-1', { content: 'a' })).status).toBe(200);
    expect(sim.conversation(1, 27).messages).toHaveLength(1);
    expect(sim.callsTo('/messages', 'POST').map((c) => [c.status, c.fault])).toEqual([
      [500, 'failNext:500'],
      [500, 'failNext:500'],
      [200, undefined],
    ]);
  });

  it('when a 429 is injected with Retry-After, then the header and Rack::Attack body are sent', async () => {
    sim.faults.failNext(1, { status: 429, retryAfterSec: 7 });
    const res = await api(sim, 'GET', conv(27), 'bot-token-1');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.json).toBe('Retry later\n');
  });

  it('when Chatwoot is down in http503 mode, then every call gets the proxy page until up()', async () => {
    sim.faults.down();
    const res = await api(sim, 'GET', conv(27), 'bot-token-1');
    expect(res.status).toBe(503);
    expect(res.json).toContain('503 Service Temporarily Unavailable');
    sim.faults.up();
    expect((await api(sim, 'GET', conv(27), 'bot-token-1')).status).toBe(200);
  });

  it('when Chatwoot is down in reset mode, then the socket is dropped and the call is recorded with status 0', async () => {
    sim.faults.down('reset');
    await expect(api(sim, 'GET', conv(27), 'bot-token-1')).rejects.toThrow();
    expect(sim.calls.at(-1)).toMatchObject({ status: 0, fault: 'down:reset' });
  });

  it('when a call is delayed past the client timeout, then Chatwoot still applies it, like a real slow server', async () => {
    sim.faults.delayNext(1, 300, { path: '/toggle_status' });
    const client = new AbortController();
    setTimeout(() => client.abort(), 50);
    const request = fetch(`${sim.url}${conv(27)}/toggle_status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', api_access_token: 'bot-token-1' },
      body: JSON.stringify({ status: 'open' }),
      signal: client.signal,
    });
    await expect(request).rejects.toThrow();
    const call = await sim.waitFor(() => sim.callsTo('/toggle_status')[0]);
    expect(call).toMatchObject({ status: 200, clientAborted: true });
    expect(sim.conversation(1, 27).status).toBe('open');
  });
});
