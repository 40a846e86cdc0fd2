import { randomUUID } from 'node:crypto';
import { loadHelpCenterFixture } from '../fixtures.ts';
import type {
  AccountConfig,
  AvailabilityStatus,
  ConversationStatus,
  OpenConversationInput,
  SimContact,
  SimConversation,
  SimMessage,
  StatusChange,
  StatusVia,
} from './types.ts';

export interface UserRecord {
  id: number;
  name: string;
  email: string;
  role: 'agent' | 'administrator';
  availability_status: AvailabilityStatus;
}

/** A row of `canned_responses`, rendered as the plain model JSON (all columns). */
export interface CannedResponseRecord {
  id: number;
  account_id: number;
  short_code: string;
  content: string;
  created_at: string;
  updated_at: string;
}

export interface ArticleRecord {
  id: number;
  portal: string;
  slug: string;
  title: string;
  content: string | null;
  description: string | null;
  status: 'draft' | 'published' | 'archived';
  draft_title: string | null;
  draft_content: string | null;
  position: number;
  category_id: number | null;
  author_id: number;
  locale: string;
  meta: Record<string, unknown>;
  views: number;
  /** Unix seconds, as the article view renders it. */
  updated_at: number;
}

export interface AccountState {
  id: number;
  name: string;
  botToken: string;
  userToken?: string;
  adminToken?: string;
  /** Same identity as the fixtures' agent bot, so echoed payloads look familiar. */
  bot: { id: number; name: string };
  users: UserRecord[];
  teams: Array<{ id: number; name: string }>;
  portals: Set<string>;
  conversations: Map<number, SimConversation>;
  articles: Map<number, ArticleRecord>;
  cannedResponses: CannedResponseRecord[];
}

const DEFAULT_AGENT: UserRecord = { id: 7, name: 'Sam Rivera', email: 'sam.rivera@example.com', role: 'agent', availability_status: 'online' };
const DEFAULT_ADMIN: UserRecord = { id: 1, name: 'Alex Admin', email: 'admin@example.com', role: 'administrator', availability_status: 'online' };
const DEFAULT_CONTACT: SimContact = {
  id: 42,
  name: 'Jane Doe',
  email: 'jane.doe@example.com',
  phone_number: null,
  identifier: null,
  custom_attributes: { plan: 'pro' },
};
export const DEFAULT_INBOX = { id: 3, name: 'Acme Website' };

/** The contract fixture's canned responses, then the account's own, in this account. */
function cannedResponses(config: AccountConfig): CannedResponseRecord[] {
  const fixture = loadHelpCenterFixture<CannedResponseRecord[]>('canned_responses').map((c) => ({ ...c, account_id: config.id }));
  let id = Math.max(0, ...fixture.map((c) => c.id));
  const at = new Date().toISOString();
  const extra = (config.cannedResponses ?? []).map((c) => ({ id: ++id, account_id: config.id, ...c, created_at: at, updated_at: at }));
  return [...fixture, ...extra];
}

function buildAccount(config: AccountConfig): AccountState {
  const users: UserRecord[] = (config.agents ?? [DEFAULT_AGENT]).map((a) => ({
    ...a,
    role: a.role ?? 'agent',
    availability_status: a.availability_status ?? 'online',
  }));
  if (config.adminToken && !users.some((u) => u.role === 'administrator')) users.push(DEFAULT_ADMIN);
  return {
    id: config.id,
    name: config.name ?? 'Acme Support',
    botToken: config.botToken,
    userToken: config.userToken,
    adminToken: config.adminToken,
    bot: { id: 5, name: 'Acme Assistant' },
    users,
    teams: config.teams ?? [{ id: 2, name: 'tier 2' }],
    portals: new Set(config.portals ?? ['help-center']),
    conversations: new Map(),
    articles: new Map(),
    cannedResponses: cannedResponses(config),
  };
}

/** Everything the simulated Chatwoot knows. Routes and actors mutate it through these methods. */
export class SimState {
  readonly accounts = new Map<number, AccountState>();
  private messageSeq = 10_000;
  private articleSeq = 300;

  constructor(accounts: AccountConfig[]) {
    for (const config of accounts) this.accounts.set(config.id, buildAccount(config));
  }

  account(id: number): AccountState | undefined {
    return this.accounts.get(id);
  }

  findConversation(accountId: number, displayId: number): SimConversation | undefined {
    return this.accounts.get(accountId)?.conversations.get(displayId);
  }

  requireConversation(accountId: number, displayId: number): SimConversation {
    const conv = this.findConversation(accountId, displayId);
    if (!conv) throw new Error(`simulator: no conversation ${displayId} in account ${accountId}`);
    return conv;
  }

  openConversation(input: OpenConversationInput): SimConversation {
    const account = this.accounts.get(input.accountId);
    if (!account) throw new Error(`simulator: unknown account ${input.accountId}`);
    const now = Date.now();
    const conv: SimConversation = {
      account_id: account.id,
      display_id: input.displayId,
      inbox_id: input.inboxId ?? DEFAULT_INBOX.id,
      uuid: randomUUID(),
      status: input.status ?? 'pending',
      priority: null,
      assignee_id: null,
      assignee_type: null,
      team_id: null,
      custom_attributes: { ...input.customAttributes },
      labels: [...(input.labels ?? [])],
      messages: [],
      contact: { ...DEFAULT_CONTACT, ...input.contact },
      typing_status: 'off',
      waiting_since: 0,
      first_reply_created_at: 0,
      snoozed_until: null,
      unread_count: 0,
      created_at: now,
      updated_at: now,
      status_history: [],
    };
    account.conversations.set(conv.display_id, conv);
    return conv;
  }

  nextDisplayId(accountId: number): number {
    const ids = [...(this.accounts.get(accountId)?.conversations.keys() ?? [])];
    return ids.length ? Math.max(...ids) + 1 : 1;
  }

  /** Message ids are global primary keys in Chatwoot, so one counter serves every account. */
  addMessage(conv: SimConversation, fields: Omit<SimMessage, 'id' | 'created_at'>): SimMessage {
    const message: SimMessage = { ...fields, id: this.messageSeq++, created_at: Date.now() };
    conv.messages.push(message);
    conv.updated_at = message.created_at;
    return message;
  }

  /** Returns the change, or null when the status is already `to`. */
  setStatus(conv: SimConversation, to: ConversationStatus, via: StatusVia): StatusChange | null {
    if (conv.status === to) return null;
    const change: StatusChange = { from: conv.status, to, via, at: Date.now() };
    conv.status = to;
    if (to !== 'snoozed') conv.snoozed_until = null;
    conv.status_history.push(change);
    conv.updated_at = change.at;
    return change;
  }

  nextArticleId(): number {
    return ++this.articleSeq;
  }

  /** Article slugs are unique across the whole installation, not per portal. */
  slugTaken(slug: string, exceptId?: number): boolean {
    for (const account of this.accounts.values()) {
      for (const article of account.articles.values()) if (article.slug === slug && article.id !== exceptId) return true;
    }
    return false;
  }
}

/** The last message Chatwoot would put in `conversation.messages[]`: non-private, non-activity. */
export function lastPublicMessage(conv: SimConversation): SimMessage | undefined {
  return [...conv.messages].reverse().find((m) => !m.private && m.message_type !== 'activity');
}

export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);
