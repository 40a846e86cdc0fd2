import { Agent, get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWebhookFixture } from '../src/fixtures.ts';
import { signBody } from '../src/simulator/index.ts';
import { jobCounts, SECRET, startWorld, type World } from './harness.ts';

const MAX_BYTES = 20_000;

/**
 * The HTTP edge of the real bot: every rejection answers JSON with its status and queues nothing.
 * None of these requests may create a job, so the tests share one bot and stay order-independent.
 */
describe('webhook intake', () => {
  let world: World;
  const teardown: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    world = await startWorld((fn) => teardown.push(fn), { env: { WEBHOOK_MAX_BYTES: String(MAX_BYTES) } });
  });
  afterAll(async () => {
    for (const fn of teardown) await fn();
  });

  const url = () => `${world.bot.url}/chatwoot/webhook`;
  const incoming = () => loadWebhookFixture('message_created.incoming');

  /** A POST signed as Chatwoot signs, with the content type and body as given (none for `undefined`). */
  function signedPost(contentType: string, raw?: string) {
    const ts = String(Math.floor(Date.now() / 1000));
    return fetch(url(), {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-chatwoot-timestamp': ts, 'x-chatwoot-signature': signBody(SECRET, ts, raw ?? '') },
      body: raw,
    });
  }

  async function expectNothingQueued() {
    expect(await jobCounts(world.bot.url)).toEqual({ queued: 0, running: 0, done: 0, failed: 0, dead: 0 });
    expect(world.sim.calls).toEqual([]);
  }

  it("when a proxy keeps a connection idle past Node's default 5 s, then its next request on that socket is still served", async () => {
    // nginx and load balancers keep upstream sockets for 60 s; a POST sent on one the bot had closed as idle
    // comes back 502, which neither the proxy nor Chatwoot retries.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const healthz = () =>
      new Promise<{ status: number; port: number }>((resolve, reject) => {
        get(`${world.bot.url}/healthz`, { agent }, (res) => {
          // Read now: once the response ends, the socket goes back to the agent and leaves `res`.
          const port = res.socket.localPort!;
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, port }));
        }).on('error', reject);
      });
    const first = await healthz();
    await sleep(6_000);
    const second = await healthz();
    agent.destroy();
    expect(second).toEqual({ status: 200, port: first.port });
  }, 15_000);

  it('when the signature was made with another key, then 401 JSON and nothing is queued', async () => {
    const res = await world.sim.deliver(incoming(), { badSignature: true });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: 'signature mismatch' });
    await expectNothingQueued();
  });

  it('when a delivery is refused, then the bot logs a warning naming its status and delivery id', async () => {
    const res = await world.sim.deliver(incoming(), { badSignature: true, deliveryId: 'refused-delivery-1' });
    expect(res.status).toBe(401);
    const line = await world.sim.waitFor(() => world.bot.logs.find((l) => l.includes('refused-delivery-1')));
    expect(JSON.parse(line)).toMatchObject({ level: 40, msg: 'webhook refused', status: 401, err: 'signature mismatch' });
    await expectNothingQueued();
  });

  it('when a secret is configured and the delivery is unsigned, then 401', async () => {
    const res = await world.sim.deliver(incoming(), { sign: false });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error).toMatch(/missing X-Chatwoot-Signature/);
    await expectNothingQueued();
  });

  it('when the timestamp is ten minutes old (a replay), then 401 even with a valid signature', async () => {
    const res = await world.sim.deliver(incoming(), { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error).toMatch(/outside the accepted window/);
    await expectNothingQueued();
  });

  it('when the signed body is not JSON, then 400 with the reason', async () => {
    const res = await world.sim.deliver({ event: 'message_created' }, { rawBody: '{"event":"message_created",' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: 'body is not valid JSON' });
    await expectNothingQueued();
  });

  it('when a message_created payload breaks the schema, then 400 with the failing fields', async () => {
    const payload = incoming();
    payload.id = 'not-a-number';
    delete payload.conversation;
    const res = await world.sim.deliver(payload);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.error).toBe('invalid message_created payload');
    expect(body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['id', 'conversation']));
    await expectNothingQueued();
  });

  it('when the content type is not JSON, then 415', async () => {
    const res = await signedPost('text/plain', JSON.stringify(incoming()));
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'expected Content-Type: application/json' });
    await expectNothingQueued();
  });

  it('when a JSON delivery has an empty body, then 400 for the body, not 415 for the type', async () => {
    const res = await signedPost('application/json');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'body is not valid JSON' });
    await expectNothingQueued();
  });

  it('when the body is larger than WEBHOOK_MAX_BYTES, then 413', async () => {
    const payload = incoming();
    payload.content = 'x'.repeat(MAX_BYTES);
    const res = await world.sim.deliver(payload);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toHaveProperty('error');
    await expectNothingQueued();
  });

  it('when an event the bot does not handle arrives (conversation_created), then 200 "ignored" and nothing is queued', async () => {
    const res = await world.sim.deliver(loadWebhookFixture('conversation_created.account_webhook_only'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ignored', reason: 'event "conversation_created" is not one the bot handles' });
    await expectNothingQueued();
  });

  // Last: it leaves a job behind, which the tests above check never happens.
  it('when a delivery is queued, then the 200 is JSON saying so, with the job id', async () => {
    const res = await signedPost('application/json', JSON.stringify(incoming()));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ status: 'queued', job: expect.any(Number) });
  });
});
