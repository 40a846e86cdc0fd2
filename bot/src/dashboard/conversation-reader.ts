import type { ConversationView } from '@sbf-chatwoot/shared';
import type { ChatwootClient } from '../chatwoot/client.ts';
import { ChatwootError } from '../chatwoot/errors.ts';
import { HttpError } from '../http/errors.ts';

/**
 * Chatwoot reads (bot token) shared for a moment: the app asks for the panel and the
 * suggestions together, and both need the same conversation. Writes call `forget`.
 */
export function createConversationReader(chatwoot: ChatwootClient, opts: { ttlMs?: number; now?: () => number } = {}) {
  const ttl = opts.ttlMs ?? 1500;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; view: Promise<ConversationView | null> }>();

  async function fetchView(accountId: number, conversationId: number) {
    try {
      return await chatwoot.getConversation(accountId, conversationId);
    } catch (err) {
      if (err instanceof ChatwootError && /answered 404/.test(err.message)) {
        throw new HttpError(404, `conversation ${conversationId} does not exist in account ${accountId}`);
      }
      throw err;
    }
  }

  return {
    read(accountId: number, conversationId: number): Promise<ConversationView | null> {
      const key = `${accountId}:${conversationId}`;
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttl) return hit.view;
      for (const [k, v] of cache) if (now() - v.at >= ttl) cache.delete(k);
      const view = fetchView(accountId, conversationId);
      cache.set(key, { at: now(), view });
      view.catch(() => cache.get(key)?.view === view && cache.delete(key));
      return view;
    },
    forget: (accountId: number, conversationId: number) => void cache.delete(`${accountId}:${conversationId}`),
  };
}
export type ConversationReader = ReturnType<typeof createConversationReader>;
