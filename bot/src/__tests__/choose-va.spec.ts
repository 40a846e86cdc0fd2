import { vaCustomerSupportSchema } from '@sbf-chatwoot/shared';
import { describe, expect, it } from 'vitest';
import { chooseVa, type AgentPresence } from '../escalation/choose-va.ts';

const support = vaCustomerSupportSchema.parse({
  uid: 'va-support-acme-001',
  type: 'va.customer_support',
  client_uid: 'va-client-acme-001',
  assigned_vas: ['alice', 'bob', 'cara'],
  primary_va: 'alice',
  backup_vas: ['bob'],
  chatwoot_agent_ids: { alice: 7, bob: 8, cara: 9 },
  chatwoot_team_id: 2,
});

describe('chooseVa', () => {
  it('when the primary is available, then the primary gets it', () => {
    expect(chooseVa(support)).toMatchObject({ handle: 'alice', agentId: 7 });
  });
  it('when the primary is away, then the backup gets it', () => {
    expect(chooseVa(support, { unavailable: new Set(['alice']) })).toMatchObject({ handle: 'bob', agentId: 8 });
  });
  it('when primary and backup are away, then the least-loaded VA gets it', () => {
    const c = chooseVa(support, { unavailable: new Set(['alice', 'bob']), openTasks: new Map([['cara', 2]]) });
    expect(c).toMatchObject({ handle: 'cara', agentId: 9 });
    expect(c.why).toContain('fewest open tasks');
  });
  it('when nobody is available, then the team gets it', () => {
    expect(chooseVa(support, { unavailable: new Set(['alice', 'bob', 'cara']) })).toMatchObject({ teamId: 2 });
  });
});

describe('chooseVa with a VA named by a SOP step', () => {
  it('when the named VA is available, then they get it before the primary', () => {
    expect(chooseVa(support, { named: 'cara' })).toEqual({ handle: 'cara', agentId: 9, why: "the SOP's step names cara for this case" });
  });
  it('when the named VA is away, then the usual order decides and why says who was passed over', () => {
    const c = chooseVa(support, { named: 'cara', unavailable: new Set(['cara']) });
    expect(c).toMatchObject({ handle: 'alice', why: "cara, named by the SOP, is away (away_vas); alice is the client's primary VA" });
  });
  it("when the named VA is not one of the client's VAs, then the usual order decides and why says so", () => {
    const c = chooseVa(support, { named: 'zed', unavailable: new Set(['alice', 'bob', 'cara']) });
    expect(c).toMatchObject({ teamId: 2 });
    expect(c.why).toMatch(/^zed, named by the SOP, is not one of the client's VAs; no VA is available/);
  });
});

describe('chooseVa with Chatwoot presence', () => {
  const presence = (status: Record<number, string>): AgentPresence => ({ ok: true, status: new Map(Object.entries(status).map(([id, s]) => [Number(id), s])) });

  it('when the primary is online in Chatwoot, then the primary gets it and why says so', () => {
    const c = chooseVa(support, { presence: presence({ 7: 'online', 8: 'online', 9: 'online' }) });
    expect(c).toMatchObject({ handle: 'alice', agentId: 7, why: "alice is the client's primary VA and online in Chatwoot" });
  });

  it('when the primary is offline in Chatwoot, then the backup gets it and why names the offline primary', () => {
    const c = chooseVa(support, { presence: presence({ 7: 'offline', 8: 'online', 9: 'online' }) });
    expect(c).toMatchObject({ handle: 'bob', agentId: 8 });
    expect(c.why).toBe('alice (primary) is offline in Chatwoot; bob is the first available backup and online in Chatwoot');
  });

  it('when primary and backup are busy or away, then the least-loaded online VA gets it', () => {
    const c = chooseVa(support, {
      unavailable: new Set(['bob']),
      openTasks: new Map([['cara', 1]]),
      presence: presence({ 7: 'busy', 8: 'online', 9: 'online' }),
    });
    expect(c).toMatchObject({ handle: 'cara', agentId: 9 });
    expect(c.why).toContain('alice (primary) is busy in Chatwoot, bob is away (away_vas)');
    expect(c.why).toContain('cara has the fewest open tasks (1)');
  });

  it('when a VA is not among the account\'s agents, then they are not chosen', () => {
    expect(chooseVa(support, { presence: presence({ 8: 'online', 9: 'online' }) })).toMatchObject({ handle: 'bob' });
  });

  it('when every VA is offline, then the team gets it as before, and why lists each VA', () => {
    const c = chooseVa(support, { presence: presence({ 7: 'offline', 8: 'offline', 9: 'busy' }) });
    expect(c).toEqual({
      teamId: 2,
      why: "no VA is available (alice (primary) is offline in Chatwoot, bob is offline in Chatwoot, cara is busy in Chatwoot); handed to the client's team",
    });
  });

  it('when presence could not be read, then the vault decides alone and why says so', () => {
    const c = chooseVa(support, { unavailable: new Set(['alice']), presence: { ok: false, error: 'Chatwoot answered 503' } });
    expect(c).toMatchObject({ handle: 'bob', agentId: 8 });
    expect(c.why).toBe('alice (primary) is away (away_vas); bob is the first available backup; Chatwoot presence unknown (Chatwoot answered 503), so only away_vas counted');
  });
});
