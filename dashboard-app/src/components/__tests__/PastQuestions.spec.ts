import { createTestingPinia } from '@pinia/testing';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { PAST_FROM_FILE as FROM_FILE, PAST_LEARNED as LEARNED } from '../../__tests__/fake-bot.ts';
import PastQuestions from '../PastQuestions.vue';
import { usePastQuestionsStore } from '../../stores/pastQuestions.ts';


const withState = (pastQuestions: Record<string, unknown>, signedIn = true) =>
  mount(PastQuestions, {
    global: {
      plugins: [
        createTestingPinia({
          createSpy: vi.fn,
          initialState: { pastQuestions, session: { identity: signedIn ? { agentId: 7, name: 'Sam Rivera' } : null } },
        }),
      ],
    },
  });

describe('past questions', () => {
  it('when there are past questions, then each shows its outcome and how alike it is, and only a learned one can be forgotten', () => {
    const wrapper = withState({ status: 'ready', question: 'reset my password', items: [LEARNED, FROM_FILE] });
    const [learned, fromFile] = wrapper.findAll('li');
    expect(learned!.text()).toContain('answered with “Reset your password” · 62% alike · learned from a VA’s answer');
    expect(learned!.attributes('data-learned')).toBe('12');
    expect(fromFile!.text()).toContain('needed a person (unknown) · 30% alike');
    expect(fromFile!.find('[data-test="forget"]').exists()).toBe(false);
  });

  it('when the VA clicks Forget, then it asks once more, and only the confirmation forgets', async () => {
    const wrapper = withState({ status: 'ready', question: 'reset my password', items: [LEARNED] });
    const store = usePastQuestionsStore();
    await wrapper.find('[data-test="forget"]').trigger('click');
    expect(store.forget).not.toHaveBeenCalled();
    await wrapper.find('[data-test="confirm-forget"]').trigger('click');
    expect(store.forget).toHaveBeenCalledWith(12);
  });

  it('when the VA is not signed in, then Forget is disabled', () => {
    const wrapper = withState({ status: 'ready', question: 'reset my password', items: [LEARNED] }, false);
    expect(wrapper.find('[data-test="forget"]').attributes('disabled')).toBeDefined();
  });

  it('when nothing is alike, or the customer has not written, then the card says which', () => {
    expect(withState({ status: 'ready', question: 'hello', items: [] }).find('[data-test="none"]').text()).toContain('No past question');
    expect(withState({ status: 'ready', question: null, items: [] }).find('[data-test="none"]').text()).toContain('has not written yet');
  });

  it('when forgetting failed, then the reason is shown', () => {
    const wrapper = withState({ status: 'ready', question: 'q', items: [LEARNED], forgetError: 'Chatwoot did not accept your access token: sign in again' });
    expect(wrapper.find('[data-test="forget-error"]').text()).toMatch(/sign in again/);
  });
});
