import type { PublishReport } from '@sbf-chatwoot/shared';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../http/errors.ts';
import type { PublishOptions } from '../publish-sops.ts';
import { publishRouter, type PublishRouterDeps } from '../route.ts';

const TOKEN = 'admin-api-token-0123456789';
const log = pino({ level: 'silent' });
const report = (dryRun: boolean): PublishReport => ({ dry_run: dryRun, created: 2, updated: 0, unchanged: 0, unpublished: 0, failed: [], skipped: [], items: [] });

let close: (() => void) | undefined;
afterEach(() => close?.());

async function serve(deps: Partial<PublishRouterDeps> = {}) {
  const runs: PublishOptions[] = [];
  const app = express();
  app.use(publishRouter({ apiToken: TOKEN, problem: undefined, log, publish: async (o) => (runs.push(o), report(o.dryRun ?? false)), ...deps }));
  app.use(errorMiddleware(log));
  const server = app.listen(0);
  close = () => server.close();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/publish-sops`;
  const post = async (body: unknown, auth: string | null = `Bearer ${TOKEN}`) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  return { post, runs };
}

describe('POST /admin/publish-sops', () => {
  it('when the admin token is right, then one run happens with the parsed options and the report is the answer', async () => {
    const { post, runs } = await serve();
    const res = await post({ client_uid: 'va-client-acme-001', dry_run: true });
    expect(res).toMatchObject({ status: 200, json: { dry_run: true, created: 2 } });
    expect(runs).toEqual([{ clientUid: 'va-client-acme-001', dryRun: true }]);
  });

  it('when no bearer token is sent, then 401; when a wrong one is sent, then 403; and nothing runs', async () => {
    const { post, runs } = await serve();
    expect(await post({}, null)).toMatchObject({ status: 401, json: { error: expect.stringContaining('Bearer') } });
    expect(await post({}, 'Bearer nope')).toMatchObject({ status: 403, json: { error: expect.any(String) } });
    expect(runs).toEqual([]);
  });

  it('when the body has an unknown key or a wrong type, then 400 with the field errors', async () => {
    const { post, runs } = await serve();
    const typo = await post({ dryRun: true });
    expect(typo.status).toBe(400);
    expect(typo.json.error).toBe('invalid request');
    expect((await post({ dry_run: 'yes' })).json.details.fieldErrors.dry_run).toBeDefined();
    expect((await post('{not json')).status).toBe(400);
    expect(runs).toEqual([]);
  });

  it('when ADMIN_API_TOKEN is not configured, then 503 says so', async () => {
    const { post } = await serve({ apiToken: undefined });
    expect(await post({})).toMatchObject({ status: 503, json: { error: expect.stringContaining('ADMIN_API_TOKEN') } });
  });

  it('when no Chatwoot admin token is configured, then a real run is 503 with the reason and a dry run still works', async () => {
    const { post } = await serve({ problem: 'CHATWOOT_ADMIN_TOKEN is not set' });
    expect(await post({})).toMatchObject({ status: 503, json: { error: 'CHATWOOT_ADMIN_TOKEN is not set' } });
    expect((await post({ dry_run: true })).status).toBe(200);
  });

  it('when a run is in progress, then a second request is 409', async () => {
    let release!: () => void;
    const { post } = await serve({ publish: () => new Promise((r) => (release = () => r(report(false)))) });
    const first = post({});
    await new Promise((r) => setTimeout(r, 50));
    expect((await post({})).status).toBe(409);
    release();
    expect((await first).status).toBe(200);
  });
});
