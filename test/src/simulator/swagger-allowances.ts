/**
 * Where Chatwoot's code accepts more than its swagger says. Each entry is narrow (one
 * operation, one field, the exact extra value) and cites the contract text it relies on.
 *
 * Checked against swagger.json and deliberately NOT listed:
 * - toggle_status `status`: the request enum already has open/resolved/pending/snoozed. The
 *   open/resolved-only enum in README.md "Known gaps" is the `conversation_status_toggle`
 *   *response* schema, which no operation's request uses.
 */

export interface SwaggerErrorInfo {
  operationId: string;
  instancePath: string;
  keyword: string;
  params: Record<string, any>;
  /** The failing value (for unevaluatedProperties: the object holding the extra key). */
  data: unknown;
}

export interface Allowance {
  operationIds: string[];
  reason: string;
  allows(e: SwaggerErrorInfo): boolean;
}

/** The extra key flagged by our `unevaluatedProperties: false` tightening, and its value. */
const extraKey = (e: SwaggerErrorInfo): string | undefined =>
  e.keyword === 'unevaluatedProperties' ? (e.params.unevaluatedProperty as string) : undefined;
const extraValue = (e: SwaggerErrorInfo): unknown => (e.data as Record<string, unknown>)[extraKey(e) ?? ''];

const MESSAGE_EXTRAS = new Set(['echo_id', 'source_id', 'sender_type', 'sender_id', 'cc_emails', 'bcc_emails', 'to_emails']);
const ARTICLE_STATUSES = new Set(['draft', 'published', 'archived']);

export const ALLOWANCES: Allowance[] = [
  {
    operationIds: ['assign-a-conversation'],
    reason:
      'README.md "Known gaps": the assignment body leaves out assignee_type "AgentBot", which the controller accepts.',
    allows: (e) => e.instancePath === '' && extraKey(e) === 'assignee_type' && extraValue(e) === 'AgentBot',
  },
  {
    operationIds: ['toggle-priority-of-a-conversation', 'update-conversation'],
    reason: 'AGENT-BOT.md §6: a null priority clears it; swagger only lists strings.',
    allows: (e) => e.instancePath === '/priority' && e.data === null && (e.keyword === 'type' || e.keyword === 'enum'),
  },
  {
    operationIds: ['create-a-new-message-in-a-conversation'],
    reason: 'AGENT-BOT.md §6: MessageBuilder also permits echo_id, source_id, sender_type/sender_id and email recipients.',
    allows: (e) => e.instancePath === '' && MESSAGE_EXTRAS.has(extraKey(e) ?? ''),
  },
  {
    operationIds: ['add-new-article-to-account'],
    reason:
      'AGENT-BOT.md §8 and help-center/README.md: article status accepts "draft"|"published"|"archived" as well as 0|1|2; swagger says integer.',
    allows: (e) => e.instancePath === '/status' && e.keyword === 'type' && ARTICLE_STATUSES.has(e.data as string),
  },
  {
    operationIds: ['add-new-article-to-account'],
    reason: 'DASHBOARD-APP-HELP-CENTER-CAPTAIN.md §2.2: draft_title and draft_content are permitted article keys.',
    allows: (e) => e.instancePath === '' && (extraKey(e) === 'draft_title' || extraKey(e) === 'draft_content'),
  },
];

/**
 * Bodies the controllers read nested under a model key (`article_params` → `params[:article]`).
 * Swagger documents the inner object; Rails' params wrapping also accepts it flat.
 */
export const WRAPPED_BODIES: Record<string, string> = { 'add-new-article-to-account': 'article' };

const PORTAL = '/api/v1/accounts/{account_id}/portals/{portal_slug}';
const README_GAP = 'README.md "Known gaps": Help Center routes beyond portal create/list/update, category create and article create';

/** Routed in Chatwoot but missing from swagger. Requests here are not flagged as undocumented. */
export const KNOWN_UNDOCUMENTED: Array<{ method: string; template: string; reason: string; bodyFrom?: string }> = [
  { method: 'GET', template: `${PORTAL}/articles`, reason: `${README_GAP} (article index)` },
  { method: 'GET', template: `${PORTAL}/articles/{article_id}`, reason: `${README_GAP} (article show)` },
  {
    method: 'PATCH',
    template: `${PORTAL}/articles/{article_id}`,
    reason: `${README_GAP} (article update; same permitted keys as create, DASHBOARD-APP-HELP-CENTER-CAPTAIN.md §2.2)`,
    bodyFrom: 'add-new-article-to-account',
  },
  { method: 'DELETE', template: `${PORTAL}/articles/{article_id}`, reason: `${README_GAP} (article destroy)` },
  { method: 'POST', template: `${PORTAL}/articles/reorder`, reason: `${README_GAP} (article reorder)` },
  { method: 'PATCH', template: `${PORTAL}/articles/bulk_actions/update_status`, reason: `${README_GAP} (bulk status)` },
  { method: 'GET', template: `${PORTAL}/categories`, reason: `${README_GAP} (category index)` },
  { method: 'GET', template: `${PORTAL}/categories/{category_id}`, reason: `${README_GAP} (category show)` },
  { method: 'PATCH', template: `${PORTAL}/categories/{category_id}`, reason: `${README_GAP} (category update)` },
  { method: 'DELETE', template: `${PORTAL}/categories/{category_id}`, reason: `${README_GAP} (category destroy)` },
  { method: 'POST', template: `${PORTAL}/categories/reorder`, reason: `${README_GAP} (category reorder)` },
  { method: 'GET', template: PORTAL, reason: 'AGENT-BOT.md §8: GET /portals/{slug} is routed but not in swagger' },
  {
    method: 'POST',
    template: '/api/v1/accounts/{account_id}/agent_bots/{id}/reset_secret',
    reason: 'README.md "Known gaps": reset_secret is not documented',
  },
  {
    method: 'POST',
    template: '/api/v1/accounts/{account_id}/agent_bots/{id}/reset_access_token',
    reason: 'AGENT-BOT.md §8: reset_access_token exists in the routes but not in swagger',
  },
];
