import { createTestingPinia } from '@pinia/testing';
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PANEL } from '../../__tests__/fake-bot.ts';
import { useConversationStore } from '../../stores/conversation.ts';
import TaskCard from '../TaskCard.vue';

const SAM = { agentId: 7, name: 'Sam Rivera' };

function mountCard(state: { panel?: unknown; identity?: unknown } = {}) {
  return mount(TaskCard, {
    global: {
      plugins: [
        createTestingPinia({
          createSpy: vi.fn,
          initialState: {
            conversation: { panel: 'panel' in state ? state.panel : PANEL, status: 'ready' },
            session: { identity: 'identity' in state ? state.identity : SAM },
          },
        }),
      ],
    },
  });
}

describe('TaskCard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-07-20T10:12:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('when the conversation has a task, then status, priority, assignee and the SLA clock show', () => {
    const text = mountCard().text();
    expect(text).toContain('Chatwoot #27: cannot log in');
    expect(text).toContain('high');
    expect(text).toContain('assigned to alice');
    expect(text).toContain('Escalated 12 min ago');
    expect(text).toContain('First response due in 18 min');
  });

  it('when the first response is late, then the card says by how much', () => {
    vi.setSystemTime(new Date('2026-07-20T10:41:00.000Z'));
    expect(mountCard().find('[data-test="first-response"]').text()).toBe('First response overdue by 11 min');
  });

  it('when Sam writes a note and submits, then the store adds it', async () => {
    const wrapper = mountCard();
    const store = useConversationStore();
    vi.mocked(store.addNote).mockResolvedValue(true);
    await wrapper.find('[data-test="note"]').setValue('  Called the customer.  ');
    await wrapper.find('form').trigger('submit');
    expect(store.addNote).toHaveBeenCalledWith('Called the customer.');
  });

  it('when Sam picks another status, then the store sets it', async () => {
    const wrapper = mountCard();
    await wrapper.find('[data-test="status"]').setValue('done');
    expect(useConversationStore().setStatus).toHaveBeenCalledWith('done');
  });

  it('when there is no task, then an escalate button creates one', async () => {
    const wrapper = mountCard({ panel: { ...PANEL, task: null } });
    expect(wrapper.text()).toContain('No SBF task yet');
    await wrapper.find('form').trigger('submit');
    expect(useConversationStore().escalate).toHaveBeenCalledWith(undefined);
  });

  it('when nobody is signed in, then the actions are disabled and the card says why', () => {
    const wrapper = mountCard({ identity: null });
    expect(wrapper.find('[data-test="status"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-test="note"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('Sign in below');
  });
});
