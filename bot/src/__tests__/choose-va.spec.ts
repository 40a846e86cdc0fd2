import { vaCustomerSupportSchema } from '@sbf-chatwoot/shared';
import { describe, expect, it } from 'vitest';
import { chooseVa } from '../escalation/choose-va.ts';

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
