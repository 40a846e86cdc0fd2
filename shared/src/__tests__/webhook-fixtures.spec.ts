import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentBotEventNames, agentBotEventSchema, appContextSchema, conversationSchema } from '../index.ts';
import { contractDir } from './contract-dir.ts';

const dir = join(contractDir(), 'webhooks');
const load = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const botFixtures = readdirSync(dir).filter(
  (f) => f.endsWith('.json') && !f.startsWith('_') && !f.includes('account_webhook_only'),
);

describe('agent bot webhook fixtures', () => {
  it('when the contract folder is read, then every agent-bot event has a fixture', () => {
    const seen = new Set(botFixtures.map((f) => load(f).event));
    expect([...seen].sort()).toEqual([...agentBotEventNames].sort());
  });

  it.each(botFixtures)('when %s is parsed, then it passes the shared schema', (file) => {
    const raw = load(file);
    const parsed = agentBotEventSchema.parse(raw);
    expect(parsed.event).toBe(raw.event);
  });

  it('when a payload has fields Chatwoot adds later, then parsing keeps them', () => {
    const raw = { ...load('message_created.incoming.json'), brand_new_field: { x: 1 } };
    const parsed = agentBotEventSchema.parse(raw) as Record<string, unknown>;
    expect(parsed.brand_new_field).toEqual({ x: 1 });
  });

  it('when the conversation id is read, then it is the display_id paired with the account', () => {
    const parsed = agentBotEventSchema.parse(load('message_created.incoming.json'));
    if (parsed.event !== 'message_created') throw new Error('wrong event');
    expect(parsed.conversation.id).toBe(27);
    expect(parsed.account.id).toBe(1);
  });

  it('when a message payload lacks its conversation, then parsing fails', () => {
    const { conversation: _drop, ...raw } = load('message_created.incoming.json');
    expect(agentBotEventSchema.safeParse(raw).success).toBe(false);
  });

  it('when the account-webhook-only conversation_created payload is parsed, then its conversation still fits', () => {
    const raw = load('conversation_created.account_webhook_only.json');
    expect(agentBotEventSchema.safeParse(raw).success).toBe(false);
    expect(conversationSchema.parse(raw).id).toBe(27);
  });
});

describe('dashboard appContext fixture', () => {
  it('when the fixture string is parsed, then it passes the shared schema', () => {
    const text = readFileSync(join(contractDir(), 'dashboard-app/appContext.json'), 'utf8');
    const parsed = appContextSchema.parse(JSON.parse(text));
    expect(parsed.data.conversation.id).toBe(27);
    expect(parsed.data.currentAgent.id).toBe(7);
  });
});
