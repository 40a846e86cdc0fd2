import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AccountConfig } from './simulator/index.ts';

/** One client of the vault, as its `support.md` (va.customer_support) and `client.md` describe it. */
export interface DemoClient {
  slug: string;
  name: string;
  accountId: number;
  inboxIds: number[];
  /** VA handle → Chatwoot agent id. */
  agents: Record<string, number>;
  teamId?: number;
}

function frontmatter(path: string): Record<string, any> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'));
  if (!m) throw new Error(`no frontmatter in ${path}`);
  return parse(m[1]!) as Record<string, any>;
}

export function readDemoClients(vaultDir: string): DemoClient[] {
  const clientsDir = join(vaultDir, 'clients');
  return readdirSync(clientsDir)
    .filter((slug) => existsSync(join(clientsDir, slug, 'support.md')))
    .map((slug) => {
      const support = frontmatter(join(clientsDir, slug, 'support.md'));
      const clientFile = join(clientsDir, slug, 'client.md');
      const client = existsSync(clientFile) ? frontmatter(clientFile) : {};
      return {
        slug,
        name: String(client.title ?? slug),
        accountId: Number(support.chatwoot_account_id),
        inboxIds: (support.chatwoot_inbox_ids ?? []).map(Number),
        agents: support.chatwoot_agent_ids ?? {},
        teamId: support.chatwoot_team_id === undefined ? undefined : Number(support.chatwoot_team_id),
      };
    })
    .sort((a, b) => a.accountId - b.accountId);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Simulator accounts for the clients: their agents and team, a bot, a user and an admin token each. */
export function simAccounts(clients: DemoClient[]): AccountConfig[] {
  return clients.map((c) => ({
    id: c.accountId,
    name: c.name,
    botToken: `demo-bot-token-${c.accountId}`,
    userToken: `demo-user-token-${c.accountId}`,
    adminToken: `demo-admin-token-${c.accountId}`,
    agents: Object.entries(c.agents).map(([handle, id]) => ({
      id,
      name: capitalise(handle),
      email: `${handle}@${c.slug}.example`,
    })),
    teams: c.teamId === undefined ? [] : [{ id: c.teamId, name: `${c.name} support` }],
  }));
}

/** `CHATWOOT_BOT_TOKENS` for the bot: one token per account. */
export const botTokensEnv = (accounts: AccountConfig[]) => accounts.map((a) => `${a.id}:${a.botToken}`).join(',');
