import type { AddressInfo } from 'node:net';
import { createActors } from './actors.ts';
import { createDeliverer } from './delivery.ts';
import { createEmitter } from './emitter.ts';
import { createFaults, type FaultsApi } from './faults.ts';
import { createSimServer } from './server.ts';
import { SimState, type ArticleRecord } from './state.ts';
import { createUiPages } from './ui-page.ts';
import { loadSwaggerValidator } from './swagger-validator.ts';
import type {
  ActionResult,
  AvailabilityStatus,
  DeliverOptions,
  DeliverResult,
  DeliveryRecord,
  OpenConversationInput,
  RecordedCall,
  SimConversation,
  SimulatorOptions,
} from './types.ts';
import { waitFor } from './wait-for.ts';

export type * from './types.ts';
export type { ArticleRecord } from './state.ts';
export type { FaultsApi, FaultStatus, DownMode, FaultFilter } from './faults.ts';
export { railsJson, signBody } from './delivery.ts';
export { loadSwaggerValidator, type SwaggerValidator } from './swagger-validator.ts';

export interface Simulator {
  /** Base URL for CHATWOOT_BASE_URL, e.g. http://127.0.0.1:PORT */
  url: string;
  /** Every API call received, in the order responses were sent. */
  calls: RecordedCall[];
  /** Every webhook sent to the bot, in the order they finished. */
  deliveries: DeliveryRecord[];
  faults: FaultsApi;
  invalidCalls(): RecordedCall[];
  /** A string matches as a path suffix. */
  callsTo(pathSuffixOrRegex: string | RegExp, method?: string): RecordedCall[];
  /** A snapshot of the simulated conversation; throws if it does not exist. */
  conversation(accountId: number, displayId: number): SimConversation;
  openConversation(input: OpenConversationInput): SimConversation;
  /** Display ids of the account's conversations, in creation order. */
  conversationIds(accountId: number): number[];
  articles(accountId: number): ArticleRecord[];
  /** What GET /agents reports for this agent from now on (an agent going offline, busy, back online). */
  setAgentAvailability(accountId: number, agentId: number, status: AvailabilityStatus): void;
  customerSays(
    accountId: number,
    displayId: number,
    text: string,
    opts?: { attachments?: boolean; deliveryId?: string },
  ): Promise<ActionResult>;
  agentReplies(accountId: number, displayId: number, agentId: number, text: string, opts?: { private?: boolean }): Promise<ActionResult>;
  /** The contact clicks a button of the latest input_select message (message_updated). */
  customerChooses(accountId: number, displayId: number, title: string): Promise<ActionResult>;
  agentOpens(accountId: number, displayId: number): Promise<DeliveryRecord[]>;
  agentResolves(accountId: number, displayId: number): Promise<DeliveryRecord[]>;
  /** One raw POST to the bot with Chatwoot's headers; no retry, no fail-open. */
  deliver(payload: object, opts?: DeliverOptions): Promise<DeliverResult>;
  /** Sends an earlier webhook again with the same body and X-Chatwoot-Delivery (a duplicate). */
  redeliver(deliveryId: string): Promise<DeliverResult>;
  setBotWebhookUrl(url: string | undefined): void;
  /** The Dashboard App shown beside `/app/accounts/{a}/conversations/{id}` (the demo's conversation view). */
  showDashboardApp(accountId: number, frameUrl: string): void;
  waitFor<T>(predicate: () => T | Promise<T>, timeoutMs?: number): Promise<NonNullable<T>>;
  /** Resolves when no webhook delivery is in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A fake Chatwoot 4.15 on 127.0.0.1: Application API, agent-bot webhooks, swagger checks, faults. */
export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const validator = await loadSwaggerValidator();
  const state = new SimState(opts.accounts);
  let botWebhookUrl = opts.botWebhookUrl;
  const deliverer = createDeliverer({
    url: () => botWebhookUrl,
    secret: opts.webhookSecret,
    timeoutMs: opts.webhookTimeoutMs ?? 5000,
    retryWaitMs: opts.retryWaitMs ?? 3000,
  });
  const emit = createEmitter({ state, deliverer, echo: opts.echo ?? true });
  const faults = createFaults();
  const calls: RecordedCall[] = [];
  const dashboardApps = new Map<number, string>();
  const server = createSimServer({ state, emit, validator, faults, calls, ui: createUiPages(state, dashboardApps) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const actors = createActors(state, emit);

  const summary = () =>
    [
      ...calls.slice(-8).map((c) => `call ${c.method} ${c.path} → ${c.status}`),
      ...deliverer.deliveries.slice(-8).map((d) => `delivery ${d.event} → ${d.status}${d.error ? ` (${d.error})` : ''}`),
    ].join('\n');

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    deliveries: deliverer.deliveries,
    faults: faults.api,
    invalidCalls: () => calls.filter((c) => c.validationErrors.length > 0),
    callsTo: (match, method) =>
      calls.filter(
        (c) =>
          (!method || c.method === method.toUpperCase()) &&
          (typeof match === 'string' ? c.path.endsWith(match) : match.test(c.path)),
      ),
    conversation: (accountId, displayId) => structuredClone(state.requireConversation(accountId, displayId)),
    openConversation: (input) => structuredClone(state.openConversation(input)),
    conversationIds: (accountId) => [...(state.account(accountId)?.conversations.keys() ?? [])],
    articles: (accountId) => structuredClone([...(state.account(accountId)?.articles.values() ?? [])]),
    setAgentAvailability: (accountId, agentId, status) => {
      const user = state.account(accountId)?.users.find((u) => u.id === agentId);
      if (!user) throw new Error(`simulator: no agent ${agentId} in account ${accountId}`);
      user.availability_status = status;
    },
    customerSays: actors.customerSays,
    agentReplies: actors.agentReplies,
    customerChooses: actors.customerChooses,
    agentOpens: actors.agentOpens,
    agentResolves: actors.agentResolves,
    deliver: (payload, o) => deliverer.raw(payload, o),
    redeliver: (deliveryId) => deliverer.redeliver(deliveryId),
    setBotWebhookUrl: (url) => {
      botWebhookUrl = url;
    },
    showDashboardApp: (accountId, frameUrl) => void dashboardApps.set(accountId, frameUrl),
    waitFor: (predicate, timeoutMs) => waitFor(predicate, timeoutMs, summary),
    idle: () => deliverer.idle(),
    close: async () => {
      deliverer.close();
      await deliverer.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
