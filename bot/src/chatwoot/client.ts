import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import axiosRetry, { exponentialDelay, isNetworkError } from 'axios-retry';
import pThrottle from 'p-throttle';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  agentPresenceSchema,
  type AssignmentBody,
  cannedResponseSchema,
  conversationViewSchema,
  type ConversationView,
  customAttributesResponseSchema,
  labelsResponseSchema,
} from '@sbf-chatwoot/shared';
import { ChatwootError, toChatwootError } from './errors.ts';

export interface ChatwootClientOptions {
  baseUrl: string;
  tokenFor: (accountId: number) => string | undefined;
  timeoutMs: number;
  ratePerSecond: number;
  log: Logger;
  /**
   * An agent's or admin's profile token, for the reads bot tokens may not make (canned responses,
   * agents). A person's secret: only ever sent in the `api_access_token` header.
   */
  userToken?: string;
  /** In-call retries; longer outages are the job queue's business. */
  retries?: number;
}

/** Inline waits beyond this are left to the job queue, so a worker is not held for long. */
const MAX_INLINE_WAIT_MS = 5000;

/**
 * The one module that talks to Chatwoot, using only endpoints an Agent Bot token may call
 * (AGENT-BOT.md §6), plus two reads made with the optional user token (`asUser`).
 * Conversation ids are display ids and always travel with their account id.
 */
export function createChatwootClient(opts: ChatwootClientOptions) {
  const http: AxiosInstance = axios.create({
    baseURL: `${opts.baseUrl}/api/v1/accounts`,
    timeout: opts.timeoutMs,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  axiosRetry(http, {
    retries: opts.retries ?? 2,
    retryDelay: (n, err) => exponentialDelay(n, err, 200),
    // POST /messages is not idempotent: retry it only when the request surely never landed.
    retryCondition: (err) => {
      const status = err.response?.status;
      if (status === 429) return Number(err.response?.headers?.['retry-after'] ?? 0) * 1000 <= MAX_INLINE_WAIT_MS;
      const safe = (err.config as { idempotent?: boolean } | undefined)?.idempotent !== false;
      if (status === 502 || status === 503 || status === 504) return true;
      if (isNetworkError(err)) return safe || err.code === 'ECONNREFUSED';
      return safe && (status ?? 0) >= 500;
    },
  });

  const throttles = new Map<number, <T>(fn: () => Promise<T>) => Promise<T>>();
  function limited<T>(accountId: number, fn: () => Promise<T>): Promise<T> {
    let t = throttles.get(accountId);
    if (!t) {
      const throttle = pThrottle({ limit: Math.max(1, Math.round(opts.ratePerSecond)), interval: 1000 });
      t = throttle(<U>(f: () => Promise<U>) => f()) as <U>(f: () => Promise<U>) => Promise<U>;
      throttles.set(accountId, t);
    }
    return t(fn);
  }

  async function call<T>(
    accountId: number,
    what: string,
    { asUser, ...config }: AxiosRequestConfig & { idempotent?: boolean; asUser?: boolean },
  ): Promise<T> {
    const token = asUser ? opts.userToken : opts.tokenFor(accountId);
    if (!token) throw new ChatwootError(500, `no Chatwoot ${asUser ? 'user' : 'bot'} token configured for account ${accountId}`, false);
    try {
      const res = await limited(accountId, () =>
        http.request<T>({ ...config, url: `/${accountId}${config.url}`, headers: { api_access_token: token } }),
      );
      return res.data;
    } catch (err) {
      throw toChatwootError(err, what);
    }
  }

  /** A 200 we cannot read is Chatwoot's problem, not ours: a 502 that says what was off. */
  async function read<T>(accountId: number, what: string, url: string, schema: z.ZodType<T>, retries?: number): Promise<T> {
    const data = await call<unknown>(accountId, what, { method: 'GET', url, asUser: true, ...(retries === undefined ? {} : { 'axios-retry': { retries } }) });
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new ChatwootError(502, `${what}: unexpected answer: ${parsed.error.issues[0]?.message}`, false);
    return parsed.data;
  }

  const conv = (id: number) => `/conversations/${id}`;

  return {
    /** null when this Chatwoot is older than 4.14.2 and bots may not read conversations. */
    async getConversation(accountId: number, conversationId: number): Promise<ConversationView | null> {
      try {
        const data = await call<unknown>(accountId, 'read conversation', { method: 'GET', url: conv(conversationId) });
        return conversationViewSchema.parse(data);
      } catch (err) {
        if (err instanceof ChatwootError && /answered 401/.test(err.message)) return null;
        throw err;
      }
    },
    sendReply: (accountId: number, conversationId: number, content: string) =>
      call<{ id: number }>(accountId, 'send reply', {
        method: 'POST',
        url: `${conv(conversationId)}/messages`,
        data: { content, message_type: 'outgoing', private: false },
        idempotent: false,
      }),
    /** Buttons under a question (content_type input_select); the web widget shows them. */
    sendChoice: (accountId: number, conversationId: number, content: string, items: Array<{ title: string; value: string }>) =>
      call<{ id: number }>(accountId, 'send choice', {
        method: 'POST',
        url: `${conv(conversationId)}/messages`,
        data: { content, message_type: 'outgoing', private: false, content_type: 'input_select', content_attributes: { items } },
        idempotent: false,
      }),
    addPrivateNote: (accountId: number, conversationId: number, content: string) =>
      call<{ id: number }>(accountId, 'add private note', {
        method: 'POST',
        url: `${conv(conversationId)}/messages`,
        data: { content, message_type: 'outgoing', private: true },
        idempotent: false,
      }),
    assign: (accountId: number, conversationId: number, body: AssignmentBody) =>
      call<unknown>(accountId, 'assign conversation', {
        method: 'POST',
        url: `${conv(conversationId)}/assignments`,
        data: body,
      }),
    /** Chatwoot replaces the whole object; callers pass the merged set. */
    setCustomAttributes: async (accountId: number, conversationId: number, attrs: Record<string, unknown>) =>
      customAttributesResponseSchema.parse(
        await call<unknown>(accountId, 'set custom attributes', {
          method: 'POST',
          url: `${conv(conversationId)}/custom_attributes`,
          data: { custom_attributes: attrs },
        }),
      ).custom_attributes,
    /** Chatwoot replaces the whole label set; callers pass the union. */
    setLabels: async (accountId: number, conversationId: number, labels: string[]) =>
      labelsResponseSchema.parse(
        await call<unknown>(accountId, 'set labels', {
          method: 'POST',
          url: `${conv(conversationId)}/labels`,
          data: { labels },
        }),
      ).payload,
    /** From a bot token on a pending conversation, Chatwoot runs its bot-handoff path. */
    handoff: (accountId: number, conversationId: number) =>
      call<unknown>(accountId, 'hand off to humans', {
        method: 'POST',
        url: `${conv(conversationId)}/toggle_status`,
        data: { status: 'open' },
      }),
    setPriority: (accountId: number, conversationId: number, priority: 'low' | 'medium' | 'high' | 'urgent') =>
      call<unknown>(accountId, 'set priority', {
        method: 'POST',
        url: `${conv(conversationId)}/toggle_priority`,
        data: { priority },
      }),
    /** The account's canned responses (a bare array). User token: bots get 401. */
    listCannedResponses: (accountId: number) =>
      read(accountId, 'list canned responses', '/canned_responses', z.array(cannedResponseSchema)),
    /**
     * The account's agents with their presence. User token: bots get 401. No inline retry:
     * an escalation waiting on it falls back to the vault instead.
     */
    listAgents: (accountId: number) => read(accountId, 'list agents', '/agents', z.array(agentPresenceSchema), 0),
  };
}
export type ChatwootClient = ReturnType<typeof createChatwootClient>;
