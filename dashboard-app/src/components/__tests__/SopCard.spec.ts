import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SOP } from '../../__tests__/fake-bot.ts';
import { useConversationStore } from '../../stores/conversation.ts';
import { usePastQuestionsStore } from '../../stores/pastQuestions.ts';
import SopCard from '../SopCard.vue';

function mountCard(sop = SOP, identity: unknown = { agentId: 7, name: 'Sam Rivera' }) {
  return mount(SopCard, {
    props: { sop },
    global: { plugins: [createTestingPinia({ createSpy: vi.fn, initialState: { session: { identity } } })] },
  });
}

/** The markdown renderer is loaded on first use. */
async function rendered() {
  await vi.dynamicImportSettled();
  await flushPromises();
}

describe('SopCard', () => {
  it('when a suggestion is shown, then it says which words and which message made it match', () => {
    expect(mountCard().find('[data-test="why"]').text()).toBe(
      "matched password, reset · 67% of the words in “Hi, I can't log in. Can you reset my password?”",
    );
  });

  it('when the answer is rendered, then its markdown becomes HTML', async () => {
    const wrapper = mountCard();
    await rendered();
    expect(wrapper.find('.md strong').text()).toBe('Forgot password');
  });

  it('when a SOP carries script, handlers or javascript: links, then none of it reaches the page', async () => {
    const evil = {
      ...SOP,
      answer: 'Hi <script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3)) <a href="https://ok.example" onclick="alert(4)">ok</a>',
    };
    const wrapper = mountCard(evil);
    await rendered();
    const html = wrapper.find('.md').html();
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|<img/i);
    expect(wrapper.find('.md a[href="https://ok.example"]').attributes()).toMatchObject({ target: '_blank', rel: 'noopener noreferrer' });
  });

  it('when Sam clicks send, then nothing is sent until the confirmation', async () => {
    const wrapper = mountCard();
    const store = useConversationStore();
    await wrapper.find('[data-test="send"]').trigger('click');
    expect(store.sendSop).not.toHaveBeenCalled();
    await wrapper.find('[data-test="confirm-send"]').trigger('click');
    expect(store.sendSop).toHaveBeenCalledWith(SOP.uid);
  });

  it('when the answer is sent, then the past questions are read again (the bot learned one); when sending fails, they are not', async () => {
    const wrapper = mountCard();
    const store = useConversationStore();
    const past = usePastQuestionsStore();
    vi.mocked(store.sendSop).mockResolvedValueOnce(false);
    await wrapper.find('[data-test="send"]').trigger('click');
    await wrapper.find('[data-test="confirm-send"]').trigger('click');
    await flushPromises();
    expect(past.load).not.toHaveBeenCalled();
    vi.mocked(store.sendSop).mockResolvedValueOnce(true);
    await wrapper.find('[data-test="send"]').trigger('click');
    await wrapper.find('[data-test="confirm-send"]').trigger('click');
    await flushPromises();
    expect(past.load).toHaveBeenCalledTimes(1);
  });

  it('when nobody is signed in, then the answer cannot be sent', () => {
    expect(mountCard(SOP, null).find('[data-test="send"]').attributes('disabled')).toBeDefined();
  });
});
