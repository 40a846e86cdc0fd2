/** Public shapes of the Chatwoot simulator. State fields are snake_case like Chatwoot's. */

export type AuthKind = 'bot' | 'user' | 'admin' | 'none' | 'invalid';
export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type Priority = 'low' | 'medium' | 'high' | 'urgent' | null;
/** An agent's effective presence, as GET /agents reports it. */
export type AvailabilityStatus = 'online' | 'busy' | 'offline';

export interface AgentConfig {
  id: number;
  name: string;
  email: string;
  role?: 'agent' | 'administrator';
  /** Default: online. Tests change it with `sim.setAgentAvailability`. */
  availability_status?: AvailabilityStatus;
}

/** A canned response to add after the contract fixture's (`help-center/canned_responses.json`). */
export interface CannedResponseConfig {
  short_code: string;
  content: string;
}

export interface AccountConfig {
  id: number;
  name?: string;
  /** The agent bot's access token; the bot itself is "Acme Assistant" (id 5) as in the fixtures. */
  botToken: string;
  /** Token of the first `agent` in `agents`. */
  userToken?: string;
  /** Token of the first `administrator` in `agents` (an "Alex Admin", id 1, is added if none). */
  adminToken?: string;
  /** Default: Sam Rivera (id 7), the agent of the fixtures. */
  agents?: AgentConfig[];
  /** Default: team 2 "tier 2". Assigning an unknown team clears the team, as Chatwoot does. */
  teams?: Array<{ id: number; name: string }>;
  /** Help Center portal slugs. Default: ['help-center']. */
  portals?: string[];
  /** Canned responses besides the fixture's, numbered after them. */
  cannedResponses?: CannedResponseConfig[];
}

export interface SimulatorOptions {
  accounts: AccountConfig[];
  botWebhookUrl?: string;
  /** When set, deliveries carry X-Chatwoot-Timestamp and X-Chatwoot-Signature. */
  webhookSecret?: string;
  /** Deliver the follow-up webhooks Chatwoot sends after bot actions. Default true. */
  echo?: boolean;
  port?: number;
  /** Wait between retries of a 429/500 delivery. Chatwoot waits 3 s. */
  retryWaitMs?: number;
  /** Chatwoot's WEBHOOK_TIMEOUT, default 5 s. */
  webhookTimeoutMs?: number;
}

export interface RecordedCall {
  seq: number;
  /** Epoch ms when the request arrived. */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  auth: AuthKind;
  accountId: number | null;
  /** 0 when the socket was destroyed by a fault. */
  status: number;
  operationId?: string;
  validationErrors: string[];
  /** Set when the response came from `sim.faults` instead of the simulated Chatwoot. */
  fault?: string;
  /** The client gave up before the response was written (e.g. its timeout fired during a delay). */
  clientAborted?: boolean;
}

export interface DeliveryRecord {
  seq: number;
  at: number;
  event: string;
  deliveryId: string;
  /** Last HTTP status; 0 when no response arrived (timeout, refused, aborted). */
  status: number;
  /** Total time over all attempts, including retry waits. */
  ms: number;
  attempts: number;
  error?: string;
  accountId?: number;
  conversationId?: number;
  /** The final failure made Chatwoot open the pending conversation. */
  failOpen?: boolean;
  /** Body of the bot's last answer (e.g. `{"status":"queued","job":12}`). */
  response?: string;
}

export interface SimMessage {
  id: number;
  content: string | null;
  message_type: 'incoming' | 'outgoing' | 'template' | 'activity';
  content_type: string;
  content_attributes: Record<string, unknown>;
  private: boolean;
  sender_type: 'contact' | 'agent_bot' | 'user' | null;
  sender_id: number | null;
  /** Epoch ms (Chatwoot sends seconds; ms keeps latency measurable). */
  created_at: number;
  attachments: boolean;
}

export interface SimContact {
  id: number;
  name: string;
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  custom_attributes: Record<string, unknown>;
}

export type StatusVia = 'bot_handoff' | 'bot' | 'user' | 'agent' | 'incoming_message' | 'fail_open';

export interface StatusChange {
  from: ConversationStatus;
  to: ConversationStatus;
  via: StatusVia;
  at: number;
}

export interface SimConversation {
  account_id: number;
  display_id: number;
  inbox_id: number;
  uuid: string;
  status: ConversationStatus;
  priority: Priority;
  assignee_id: number | null;
  assignee_type: 'User' | 'AgentBot' | null;
  team_id: number | null;
  custom_attributes: Record<string, unknown>;
  labels: string[];
  messages: SimMessage[];
  contact: SimContact;
  typing_status: 'on' | 'off';
  /** Unix seconds, 0 = unset (Chatwoot's webhook convention). */
  waiting_since: number;
  first_reply_created_at: number;
  snoozed_until: number | null;
  unread_count: number;
  created_at: number;
  updated_at: number;
  status_history: StatusChange[];
}

export interface OpenConversationInput {
  accountId: number;
  displayId: number;
  inboxId?: number;
  contact?: Partial<SimContact>;
  status?: ConversationStatus;
  customAttributes?: Record<string, unknown>;
  labels?: string[];
}

export interface DeliverOptions {
  /** Reuse a delivery id to simulate a retry of the same job. */
  deliveryId?: string;
  /** Default: sign when the simulator has a secret. */
  sign?: boolean;
  /** Unix seconds for X-Chatwoot-Timestamp (e.g. a stale one). */
  timestamp?: number;
  /** Send these exact bytes instead of serialising `payload`. */
  rawBody?: string;
  /** Sign with the wrong key. */
  badSignature?: boolean;
}

export interface DeliverResult {
  status: number;
  body: string;
  ms: number;
  error?: string;
}

export interface ActionResult {
  message: SimMessage;
  /** null when no bot webhook URL is set (Chatwoot skips bots without an outgoing_url). */
  delivery: DeliveryRecord | null;
}
