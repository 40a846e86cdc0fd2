import { vaSopSchema } from '@sbf-chatwoot/shared';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createComposer } from '../knowledge/composer.ts';
import { fakeLlm } from './fake-llm.ts';

const sop = vaSopSchema.parse({
  uid: 'va-sop-acme-reset-001',
  type: 'va.sop',
  title: 'Reset your password',
  content: '## Answer\nUse Forgot password on the sign-in page.\n\n## Internal\nCheck the admin console first.',
});

let server: Server | undefined;
afterEach(() => server?.close());

describe('answer composer', () => {
  it('when the model answers, then the answer comes back and only customer-facing SOP text was sent', async () => {
    const fake = await fakeLlm(() => 'Choose Forgot password on the sign-in page.');
    server = fake.server;
    const composer = createComposer({ baseUrl: fake.url, model: 'm1', apiKey: 'k-123', timeoutMs: 2000 });
    expect(await composer.compose('how do I reset my password', [sop], 'en')).toEqual({
      kind: 'answer',
      text: 'Choose Forgot password on the sign-in page.',
    });
    const sent = JSON.stringify(fake.requests[0]!.body);
    expect(sent).toContain('Use Forgot password');
    expect(sent).not.toContain('admin console');
    expect(fake.requests[0]!.auth).toBe('Bearer k-123');
    expect(fake.requests[0]!.body.model).toBe('m1');
  });

  it('when the model declines, then the composer says it cannot answer', async () => {
    const fake = await fakeLlm(() => 'ESCALATE');
    server = fake.server;
    const composer = createComposer({ baseUrl: fake.url, model: 'm1', timeoutMs: 2000 });
    expect(await composer.compose('can I pay in bitcoin', [sop], 'en')).toEqual({ kind: 'cannot_answer' });
  });

  it('when the endpoint fails, then compose rejects so the caller can fall back', async () => {
    const fake = await fakeLlm(() => 503);
    server = fake.server;
    const composer = createComposer({ baseUrl: fake.url, model: 'm1', timeoutMs: 2000 });
    await expect(composer.compose('x', [sop], 'en')).rejects.toThrow(/503/);
  });
});
