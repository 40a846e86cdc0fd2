import { createTestingPinia } from '@pinia/testing';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { appContextSchema } from '@sbf-chatwoot/shared';
import { appContextString } from '../../__tests__/fixtures.ts';
import { useSessionStore } from '../../stores/session.ts';
import SignIn from '../SignIn.vue';

const context = appContextSchema.parse(JSON.parse(appContextString()));

function mountSignIn(session: Record<string, unknown> = {}) {
  return mount(SignIn, {
    global: { plugins: [createTestingPinia({ createSpy: vi.fn, initialState: { session, conversation: { context } } })] },
  });
}

describe('SignIn', () => {
  it('when Sam pastes a token, then it is checked for the agent Chatwoot says is signed in', async () => {
    const wrapper = mountSignIn();
    await wrapper.find('[data-test="user-token"]').setValue(' tok-sam ');
    await wrapper.find('form').trigger('submit');
    expect(useSessionStore().signIn).toHaveBeenCalledWith('tok-sam', 7);
  });

  it('when the token was refused, then the reason is shown', () => {
    const wrapper = mountSignIn({ signInError: 'Chatwoot did not accept your access token: sign in again' });
    expect(wrapper.find('[role="alert"]').text()).toMatch(/did not accept/);
  });

  it('when Sam is signed in, then the card says who acts and offers sign-out', async () => {
    const wrapper = mountSignIn({ identity: { agentId: 7, name: 'Sam Rivera' } });
    expect(wrapper.find('[data-test="signed-in"]').text()).toBe('Acting as Sam Rivera');
    await wrapper.find('button').trigger('click');
    expect(useSessionStore().signOut).toHaveBeenCalled();
  });
});
