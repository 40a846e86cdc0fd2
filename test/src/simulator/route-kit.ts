import type { AuthInfo } from './auth.ts';
import type { Emitter } from './emitter.ts';
import { compileTemplate, type CompiledTemplate, type PathParams } from './router.ts';
import type { AccountState, SimState } from './state.ts';
import type { SimConversation } from './types.ts';

/** What every route handler gets. Handlers never see req/res. */
export interface RouteContext {
  state: SimState;
  emit: Emitter;
  auth: AuthInfo;
  token: string;
  /** Present for every /api/v1/accounts/{account_id}/… route (the auth step checked it exists). */
  account: AccountState;
  params: PathParams;
  query: Record<string, string>;
  /** Parsed JSON body, or {} when there was none. */
  body: Record<string, any>;
}

export interface RouteResult {
  status: number;
  /** undefined → empty body (Rails `head :ok`). */
  body?: unknown;
}

export interface Route {
  method: string;
  template: CompiledTemplate;
  /** Pundit: administrators only; agents get 401. */
  adminOnly?: boolean;
  handle(ctx: RouteContext): RouteResult;
}

export const ACCOUNT = '/api/v1/accounts/{account_id}';
export const CONVERSATION = `${ACCOUNT}/conversations/{conversation_id}`;

export function route(method: string, template: string, handle: Route['handle'], adminOnly = false): Route {
  return { method, template: compileTemplate(template), handle, adminOnly };
}

export const ok = (body?: unknown): RouteResult => ({ status: 200, body });
export const notFound = (): RouteResult => ({ status: 404, body: { error: 'Resource could not be found' } });
/** An enum assigned an unknown value raises ArgumentError, which Chatwoot does not rescue. */
export const internalError = (): RouteResult => ({ status: 500, body: { status: 500, error: 'Internal Server Error' } });

/** Routes take the display_id; an unknown one is RecordNotFound → 404. */
export function withConversation(ctx: RouteContext, fn: (conv: SimConversation) => RouteResult): RouteResult {
  const displayId = Number(ctx.params.conversation_id);
  const conv = Number.isInteger(displayId) ? ctx.account.conversations.get(displayId) : undefined;
  return conv ? fn(conv) : notFound();
}

/** Who a message or change made through the API is attributed to. */
export function actor(ctx: RouteContext): { sender_type: 'agent_bot' | 'user'; sender_id: number } {
  if (ctx.auth.kind === 'bot') return { sender_type: 'agent_bot', sender_id: ctx.account.bot.id };
  return { sender_type: 'user', sender_id: ctx.auth.user?.id ?? 0 };
}

export const isoOrNull = (unixSec: number): string | null => (unixSec ? new Date(unixSec * 1000).toISOString() : null);
