import { afterEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { appTokenFromHash, useCredentials } from '../useCredentials.ts';

describe('useCredentials', () => {
  afterEach(() => {
    window.sessionStorage.clear();
    window.location.hash = '';
  });

  it('when the frame URL carries #token=…, then that is the app token', () => {
    expect(appTokenFromHash('#token=sbfa1.abc.def')).toBe('sbfa1.abc.def');
    expect(appTokenFromHash('')).toBeNull();
    expect(appTokenFromHash('#other=1')).toBeNull();
  });

  it('when the page loads with a fragment, then the app token is read from location.hash', () => {
    window.location.hash = '#token=sbfa1.x.y';
    expect(useCredentials().appToken).toBe('sbfa1.x.y');
  });

  it('when the VA signs in and out, then the access token lives in sessionStorage only meanwhile', async () => {
    const creds = useCredentials();
    creds.userToken.value = 'tok-sam';
    await nextTick();
    expect(window.sessionStorage.getItem('sbf-chatwoot:user-token')).toBe('tok-sam');
    expect(window.localStorage.length).toBe(0);
    expect(useCredentials().userToken.value).toBe('tok-sam');
    creds.userToken.value = null;
    await nextTick();
    expect(window.sessionStorage.getItem('sbf-chatwoot:user-token')).toBeNull();
  });
});

describe('useCredentials: Chatwoot origin', () => {
  it('when the bot wrote the origin into the page, then it is known before any request', () => {
    const meta = document.head.appendChild(Object.assign(document.createElement('meta'), { name: 'chatwoot-origin', content: 'https://chat.example.com' }));
    expect(useCredentials().chatwootOrigin).toBe('https://chat.example.com');
    meta.content = '';
    expect(useCredentials().chatwootOrigin).toBeNull();
    meta.remove();
  });
});
