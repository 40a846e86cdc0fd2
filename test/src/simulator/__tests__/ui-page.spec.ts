import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../index.ts';

let sim: Simulator | undefined;
afterEach(async () => sim?.close());

describe('conversation view page', () => {
  it('when a dashboard app is configured, then the page frames it and carries the live appContext', async () => {
    sim = await startSimulator({ accounts: [{ id: 1, botToken: 'b' }], echo: false });
    sim.openConversation({ accountId: 1, displayId: 27, customAttributes: { sbf_task_uid: 'va-task-acme-001' } });
    await sim.customerSays(1, 27, 'Where is my invoice?');
    sim.showDashboardApp(1, 'http://127.0.0.1:9/app/#token=t"x');

    const html = await (await fetch(`${sim.url}/app/accounts/1/conversations/27`)).text();
    expect(html).toContain('src="http://127.0.0.1:9/app/#token=t&#34;x"');
    const context = JSON.parse(/<script type="application\/json" id="app-context">(.*?)<\/script>/s.exec(html)![1]!);
    expect(context.event).toBe('appContext');
    expect(context.data.conversation).toMatchObject({ id: 27, account_id: 1, custom_attributes: { sbf_task_uid: 'va-task-acme-001' } });
    expect(context.data.conversation.messages.at(-1)).toMatchObject({ content: 'Where is my invoice?', message_type: 0 });

    const live = await (await fetch(`${sim.url}/app/accounts/1/conversations/27.json`)).json();
    expect(live.messages.map((m: { content: string }) => m.content)).toEqual(['Where is my invoice?']);
    expect((await fetch(`${sim.url}/app/accounts/1/conversations/99`)).status).toBe(404);
    // The page is not an API call: nothing recorded.
    expect(sim.calls).toHaveLength(0);
  });
});
