import { matchTemplate, type PathParams } from './router.ts';
import type { Route } from './route-kit.ts';
import { accountRoutes } from './routes-account.ts';
import { conversationEditRoutes } from './routes-conversation-edits.ts';
import { conversationRoutes } from './routes-conversation.ts';
import { helpCenterRoutes } from './routes-help-center.ts';
import { messageRoutes } from './routes-messages.ts';

/** Everything the simulator implements; more specific templates win, as in Rails routing. */
const ROUTES: Route[] = [
  ...conversationRoutes,
  ...conversationEditRoutes,
  ...messageRoutes,
  ...helpCenterRoutes,
  ...accountRoutes,
].sort((a, b) => a.template.placeholders - b.template.placeholders);

export function findRoute(method: string, path: string): { route: Route; params: PathParams } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const params = matchTemplate(route.template, path);
    if (params) return { route, params };
  }
  return undefined;
}
