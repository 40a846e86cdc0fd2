import { FETCH_INFO_MESSAGE } from '@sbf-chatwoot/shared';
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { appContextString } from '../../__tests__/fixtures.ts';
import { useChatwootContext } from '../useChatwootContext.ts';

const CHATWOOT = 'https://chat.example.com';

/** Stands in for Chatwoot's window (the frame's parent): a second jsdom window. */
const frame = document.body.appendChild(document.createElement('iframe'));
const chatwootWindow = frame.contentWindow!;

/** Chatwoot's side: a real MessageEvent from Chatwoot's window, as `postMessage` delivers it. */
const post = (data: unknown, origin = CHATWOOT, source: Window | null = chatwootWindow) =>
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));

function mountWith(origin: string | null = CHATWOOT) {
  const originRef = ref<string | null>(origin);
  let link!: ReturnType<typeof useChatwootContext>;
  const wrapper = mount(
    defineComponent({
      setup() {
        link = useChatwootContext({ origin: originRef, target: chatwootWindow, retryMs: 1000, maxAttempts: 3 });
        return () => h('div');
      },
    }),
  );
  return { wrapper, link, originRef };
}

describe('useChatwootContext', () => {
  let postMessage: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    vi.useFakeTimers();
    postMessage = vi.spyOn(chatwootWindow, 'postMessage').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("when Chatwoot posts the fixture string from its origin, then the parsed context is ready", () => {
    const { link } = mountWith();
    post(appContextString());
    expect(link.status.value).toBe('ready');
    expect(link.context.value?.data.conversation.id).toBe(27);
    expect(link.context.value?.data.currentAgent).toMatchObject({ id: 7, name: 'Sam Rivera' });
    expect(link.context.value?.data.conversation.custom_attributes).toEqual({ sbf_task_uid: 'tsk_01J2Z8Q4W7EXAMPLE' });
  });

  it('when the message comes from another origin, then it is ignored', () => {
    const { link } = mountWith();
    post(appContextString(), 'https://evil.example');
    expect(link.context.value).toBeNull();
  });

  it('when the message comes from a window other than the parent, then it is ignored', () => {
    const { link } = mountWith();
    post(appContextString(), CHATWOOT, window);
    expect(link.context.value).toBeNull();
  });

  it('when the app is opened outside a frame, then it says so and asks nothing', () => {
    const wrapper = mount(
      defineComponent({
        setup() {
          const { status } = useChatwootContext({ origin: ref(CHATWOOT), target: window });
          return () => h('p', status.value);
        },
      }),
    );
    expect(wrapper.text()).toBe('not-embedded');
    expect(postMessage).not.toHaveBeenCalled();
  });

  it.each([
    ['an object instead of a string', JSON.parse(appContextString())],
    ['a string that is not JSON', 'chatwoot-dashboard-app:fetch-info'],
    ['JSON of another event', JSON.stringify({ event: 'somethingElse', data: {} })],
    ['JSON without a conversation', JSON.stringify({ event: 'appContext', data: { currentAgent: { id: 7 } } })],
  ])('when Chatwoot posts %s, then it is ignored', (_what, data) => {
    const { link } = mountWith();
    post(data);
    expect(link.context.value).toBeNull();
  });

  it('when the context arrives before the origin is known, then it is held and checked once the origin is', async () => {
    const { link, originRef } = mountWith(null);
    post(appContextString());
    expect(link.context.value).toBeNull();
    expect(postMessage).not.toHaveBeenCalled();
    originRef.value = CHATWOOT;
    await Promise.resolve();
    expect(link.context.value?.data.conversation.id).toBe(27);
    expect(postMessage).not.toHaveBeenCalled();
  });

  it('when an early message came from another origin, then it is dropped once the origin is known, and fetch-info asked', async () => {
    const { link, originRef } = mountWith(null);
    post(appContextString(), 'https://evil.example');
    originRef.value = CHATWOOT;
    await Promise.resolve();
    expect(link.context.value).toBeNull();
    expect(postMessage).toHaveBeenCalledWith(FETCH_INFO_MESSAGE, CHATWOOT);
  });

  it('when no context arrives, then fetch-info is posted again each second, a bounded number of times', () => {
    const { link } = mountWith();
    expect(postMessage).toHaveBeenCalledTimes(1);
    expect(postMessage).toHaveBeenLastCalledWith(FETCH_INFO_MESSAGE, CHATWOOT);
    vi.advanceTimersByTime(1000);
    expect(postMessage).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(postMessage).toHaveBeenCalledTimes(3);
    expect(link.status.value).toBe('timeout');
  });

  it('when the context arrives, then the retries stop', () => {
    mountWith();
    post(appContextString());
    vi.advanceTimersByTime(5000);
    expect(postMessage).toHaveBeenCalledTimes(1);
  });

  it('when the component unmounts, then its listener is removed', () => {
    const { wrapper, link } = mountWith();
    wrapper.unmount();
    post(appContextString());
    expect(link.context.value).toBeNull();
  });

  it('when the app asks for a refresh, then fetch-info is posted once more', () => {
    const { link } = mountWith();
    post(appContextString());
    link.refresh();
    expect(postMessage).toHaveBeenCalledTimes(2);
  });
});
