import { ref, watch } from 'vue';

const USER_TOKEN_KEY = 'sbf-chatwoot:user-token';

/** `#token=…` in the frame URL: the fragment never reaches a server log or a Referer header. */
export function appTokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') || null;
}

/**
 * What the page starts with: the app token from the URL fragment, the Chatwoot origin the bot
 * wrote into index.html, and the VA's Chatwoot access token, kept in sessionStorage (this tab
 * only, gone when it closes).
 */
export function useCredentials(storage: Storage = window.sessionStorage) {
  const userToken = ref<string | null>(storage.getItem(USER_TOKEN_KEY));
  watch(userToken, (token) => (token ? storage.setItem(USER_TOKEN_KEY, token) : storage.removeItem(USER_TOKEN_KEY)));
  const origin = document.querySelector('meta[name="chatwoot-origin"]')?.getAttribute('content');
  return { appToken: appTokenFromHash(window.location.hash), chatwootOrigin: origin || null, userToken };
}
