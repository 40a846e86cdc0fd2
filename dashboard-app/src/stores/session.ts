import { USER_TOKEN_REJECTED, type DashboardSession, type VaIdentity } from '@sbf-chatwoot/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { getIdentity, getSession } from '../api/dashboard.ts';
import { ApiError, configureApi, errorMessage } from '../api/http.ts';

/** The app token's session, and the VA once their Chatwoot access token has been checked. */
export const useSessionStore = defineStore('session', () => {
  const session = ref<DashboardSession | null>(null);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string | null>(null);
  const userToken = ref<string | null>(null);
  const identity = ref<VaIdentity | null>(null);
  const signInError = ref<string | null>(null);
  const signingIn = ref(false);

  const chatwootOrigin = computed(() => session.value?.chatwootOrigin ?? null);
  const accountId = computed(() => session.value?.accountId ?? null);

  async function start(appToken: string | null) {
    if (!appToken) {
      status.value = 'error';
      error.value = 'This page needs an app token. Open it from Chatwoot, using the URL that the `app-token` command printed.';
      return;
    }
    configureApi({ appToken });
    status.value = 'loading';
    try {
      session.value = await getSession();
      status.value = 'ready';
    } catch (err) {
      status.value = 'error';
      error.value = errorMessage(err);
    }
  }

  /** Checks the token with the bot (which asks Chatwoot) before keeping it. */
  async function signIn(token: string, agentId: number, quiet = false) {
    if (accountId.value === null) return;
    signingIn.value = true;
    signInError.value = null;
    configureApi({ userToken: token });
    try {
      identity.value = await getIdentity(accountId.value, agentId);
      userToken.value = token;
    } catch (err) {
      configureApi({ userToken: null });
      if (!quiet) signInError.value = errorMessage(err);
    } finally {
      signingIn.value = false;
    }
  }

  function signOut(reason: string | null = null) {
    configureApi({ userToken: null });
    userToken.value = null;
    identity.value = null;
    signInError.value = reason;
  }

  /** An action failed because Chatwoot no longer accepts the token: ask for it again. */
  function handleActionError(err: unknown): string {
    if (err instanceof ApiError && err.code === USER_TOKEN_REJECTED) signOut(err.message);
    return errorMessage(err);
  }

  return { session, status, error, userToken, identity, signInError, signingIn, chatwootOrigin, accountId, start, signIn, signOut, handleActionError };
});
