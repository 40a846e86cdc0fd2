import { appContextSchema, FETCH_INFO_MESSAGE, type AppContext } from '@sbf-chatwoot/shared';
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';

export type ContextStatus = 'waiting' | 'ready' | 'timeout' | 'not-embedded';

export interface ChatwootContextOptions {
  /** The only origin accepted; null until the bot has told us which one it is. */
  origin: Ref<string | null>;
  /** Where Chatwoot lives: the parent window when framed. */
  target?: Window;
  retryMs?: number;
  maxAttempts?: number;
}

/**
 * The postMessage link to Chatwoot. Accepts only JSON strings from the Chatwoot origin and
 * parent window that pass the shared `appContext` schema; asks with `fetch-info` until a
 * context arrives (a few bounded tries), and again on `refresh()`.
 */
export function useChatwootContext(opts: ChatwootContextOptions) {
  const target = opts.target ?? window.parent;
  const retryMs = opts.retryMs ?? 1000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const context = shallowRef<AppContext | null>(null);
  const status = ref<ContextStatus>(target === window ? 'not-embedded' : 'waiting');
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Chatwoot posts on the frame's load, often before the bot has named its origin: keep that one. */
  let early: Pick<MessageEvent, 'data' | 'origin' | 'source'> | null = null;

  function accept(event: Pick<MessageEvent, 'data' | 'origin' | 'source'>) {
    if (event.origin !== opts.origin.value || event.source !== target || typeof event.data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      return;
    }
    const parsed = appContextSchema.safeParse(json);
    if (!parsed.success) return;
    clearTimeout(timer);
    context.value = parsed.data;
    status.value = 'ready';
  }

  function onMessage(event: MessageEvent) {
    if (opts.origin.value) accept(event);
    else if (typeof event.data === 'string') early = { data: event.data, origin: event.origin, source: event.source };
  }

  function ask(attempt: number) {
    clearTimeout(timer);
    const origin = opts.origin.value;
    if (!origin || status.value === 'not-embedded') return;
    target.postMessage(FETCH_INFO_MESSAGE, origin);
    timer = setTimeout(() => {
      if (attempt + 1 < maxAttempts) ask(attempt + 1);
      else if (!context.value) status.value = 'timeout';
    }, retryMs);
  }

  window.addEventListener('message', onMessage);
  const stop = watch(
    opts.origin,
    (origin) => {
      if (!origin) return;
      if (early) accept(early);
      early = null;
      if (!context.value) ask(0);
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    window.removeEventListener('message', onMessage);
    clearTimeout(timer);
    stop();
  });

  return {
    context,
    status,
    /** Chatwoot never pushes updates: ask again (e.g. before re-running suggestions). */
    refresh: () => ask(maxAttempts - 1),
  };
}
