import { createTestingPinia } from '@pinia/testing';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SOP } from '../../__tests__/fake-bot.ts';
import ClientCard from '../ClientCard.vue';
import SopPanel from '../SopPanel.vue';

const withSops = (sops: Record<string, unknown>) =>
  mount(SopPanel, { global: { plugins: [createTestingPinia({ createSpy: vi.fn, initialState: { sops } })] } });

describe('empty, loading and error states', () => {
  it('when no client covers the inbox, then the card says how to set one up', () => {
    expect(mount(ClientCard, { props: { client: null } }).text()).toContain('va.customer_support');
  });

  it('when suggestions are loading, then the panel says so', () => {
    expect(withSops({ suggestStatus: 'loading' }).text()).toContain('Finding SOPs');
  });

  it('when nothing matches, then the panel suggests a search', () => {
    expect(withSops({ suggestStatus: 'ready', suggestions: [] }).text()).toContain('No SOP matches');
  });

  it('when the bot fails, then its reason is shown', () => {
    expect(withSops({ suggestStatus: 'error', suggestError: 'the bot cannot be reached' }).find('.error').text()).toBe('the bot cannot be reached');
  });

  it('when suggestions arrive, then each SOP is listed and re-run is offered', async () => {
    const wrapper = withSops({ suggestStatus: 'ready', suggestions: [SOP] });
    expect(wrapper.findAll('[data-sop]')).toHaveLength(1);
    await wrapper.find('[data-test="rerun"]').trigger('click');
    expect(wrapper.emitted('rerun')).toHaveLength(1);
  });
});
