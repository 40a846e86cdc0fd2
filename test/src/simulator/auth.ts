import { compileTemplate, matchTemplate } from './router.ts';
import type { AccountState, SimState, UserRecord } from './state.ts';
import type { AuthKind } from './types.ts';

export interface AuthInfo {
  kind: AuthKind;
  /** Accounts the token may use: the bot's own ones, or the user's memberships. */
  accountIds: number[];
  user?: UserRecord;
}

const CONV = '/api/v1/accounts/{account_id}/conversations/{conversation_id}';
/** Collection actions Rails routes before `show`, so they never count as `conversations#show`. */
const CONVERSATION_COLLECTION_ACTIONS = new Set(['meta', 'filter', 'search', 'unread_count']);

/** `BOT_ACCESSIBLE_ENDPOINTS` at Chatwoot 4.15.1 (AGENT-BOT.md §6). Everything else is 401 for bots. */
export const BOT_ACCESSIBLE_ENDPOINTS = [
  ['GET', CONV],
  ['POST', `${CONV}/toggle_status`],
  ['POST', `${CONV}/toggle_typing_status`],
  ['POST', `${CONV}/toggle_priority`],
  ['POST', '/api/v1/accounts/{account_id}/conversations'],
  ['PATCH', CONV],
  ['POST', `${CONV}/custom_attributes`],
  ['POST', `${CONV}/messages`],
  ['POST', `${CONV}/assignments`],
  ['GET', `${CONV}/labels`],
  ['POST', `${CONV}/labels`],
].map(([method, template]) => ({ method: method!, template: compileTemplate(template!) }));

export function isBotAccessible(method: string, path: string): boolean {
  return BOT_ACCESSIBLE_ENDPOINTS.some((e) => {
    if (e.method !== method) return false;
    const params = matchTemplate(e.template, path);
    return params !== null && !CONVERSATION_COLLECTION_ACTIONS.has(params.conversation_id ?? '');
  });
}

const firstWithRole = (a: AccountState, role: UserRecord['role']) => a.users.find((u) => u.role === role) ?? a.users[0];

/** `api_access_token` → who is calling. One token may be configured on several accounts. */
export function resolveAuth(state: SimState, token: string | undefined): AuthInfo {
  if (!token) return { kind: 'none', accountIds: [] };
  for (const kind of ['bot', 'admin', 'user'] as const) {
    const accounts = [...state.accounts.values()].filter(
      (a) => (kind === 'bot' ? a.botToken : kind === 'admin' ? a.adminToken : a.userToken) === token,
    );
    if (!accounts.length) continue;
    const user = kind === 'bot' ? undefined : firstWithRole(accounts[0]!, kind === 'admin' ? 'administrator' : 'agent');
    return { kind, accountIds: accounts.map((a) => a.id), user };
  }
  return { kind: 'invalid', accountIds: [] };
}

export interface Rejection {
  status: number;
  body: unknown;
}

const unauthorized = (error: string): Rejection => ({ status: 401, body: { error } });

/**
 * The order of Chatwoot's before_actions: token lookup and the bot allow-list first
 * (`AccessTokenAuthHelper`), then the account check (`EnsureCurrentAccountHelper`).
 */
export function authorize(
  state: SimState,
  auth: AuthInfo,
  method: string,
  path: string,
  accountId: number | null,
): Rejection | null {
  if (auth.kind === 'none') {
    return { status: 401, body: { errors: ['You need to sign in or sign up before continuing.'] } };
  }
  if (auth.kind === 'invalid') return unauthorized('Invalid Access Token');
  if (auth.kind === 'bot' && !isBotAccessible(method, path)) {
    return unauthorized('Access to this endpoint is not authorized for bots');
  }
  if (accountId === null) return null;
  if (!state.account(accountId)) return { status: 404, body: { error: 'Resource could not be found' } };
  if (auth.accountIds.includes(accountId)) return null;
  return unauthorized(
    auth.kind === 'bot' ? 'Bot is not authorized to access this account' : 'You are not authorized to access this account',
  );
}
