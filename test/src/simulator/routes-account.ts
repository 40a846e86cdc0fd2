import { ACCOUNT, ok, route, type Route, type RouteContext } from './route-kit.ts';
import type { CannedResponseRecord } from './state.ts';
import { agentView, profileView } from './views.ts';

/** User-token endpoints: profile, agents, canned responses. Bots get 401 before reaching these. */

/** short_code prefix matches first, then short_code contains, then content contains. */
function searchCanned(items: CannedResponseRecord[], term: string): CannedResponseRecord[] {
  const t = term.toLowerCase();
  const rank = (c: CannedResponseRecord) => {
    const code = c.short_code.toLowerCase();
    if (code.startsWith(t)) return 0;
    if (code.includes(t)) return 1;
    return c.content.toLowerCase().includes(t) ? 2 : -1;
  };
  return items
    .map((c) => ({ c, r: rank(c) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.c);
}

function cannedResponses(ctx: RouteContext) {
  const items = ctx.account.cannedResponses;
  return ok(structuredClone(ctx.query.search ? searchCanned(items, ctx.query.search) : items));
}

export const accountRoutes: Route[] = [
  route('GET', '/api/v1/profile', (ctx) => {
    const accounts = ctx.auth.accountIds.map((id) => ctx.state.account(id)!);
    return ok(profileView(accounts, ctx.auth.user!, ctx.token));
  }),
  route('GET', `${ACCOUNT}/agents`, (ctx) => ok(ctx.account.users.map((u) => agentView(ctx.account, u)))),
  route('GET', `${ACCOUNT}/canned_responses`, cannedResponses),
];
