import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'vitest';
import {
  botSettled,
  escalationSteps,
  jobCounts,
  ONCE_EACH,
  PASSWORD_QUESTION,
  privateNotes,
  publicReplies,
  REFUND_REQUEST,
  startWorld,
  vaultTasks,
} from './harness.ts';

/** Chatwoot failing after the bot has acknowledged the webhook: the job is retried, and finished once. */
describe.concurrent('Chatwoot unavailable', () => {
  it('when Chatwoot drops every connection for a while and then comes back, then the answer is sent once', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.faults.down('reset');
    const { delivery } = await sim.customerSays(1, 27, PASSWORD_QUESTION);
    expect(delivery?.status).toBe(200);
    await sim.waitFor(() => sim.calls.some((c) => c.fault === 'down:reset'), 10_000);
    await sleep(1200);
    const failedWhileDown = sim.calls.filter((c) => c.fault === 'down:reset').length;
    sim.faults.up();

    await sim.waitFor(() => publicReplies(sim, 1, 27).length > 0, 10_000);
    await botSettled(world);
    expect(failedWhileDown).toBeGreaterThan(1);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(sim.callsTo('/messages', 'POST').filter((c) => !c.fault)).toHaveLength(1);
    expect(await jobCounts(world.bot.url)).toMatchObject({ queued: 0, failed: 0, dead: 0 });
  });

  it('when posting the reply fails with 500 twice, then the job is retried and the customer gets one reply', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.faults.failNext(2, { status: 500, method: 'POST', path: '/messages' });
    await sim.customerSays(1, 27, PASSWORD_QUESTION);

    await sim.waitFor(() => publicReplies(sim, 1, 27).length > 0, 10_000);
    await botSettled(world);
    const posts = sim.callsTo('/messages', 'POST');
    expect(posts.map((c) => c.status)).toEqual([500, 500, 200]);
    // A 500 may have landed, so it is not retried in the same breath: the queue waits first.
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(400);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
  });

  it('when Chatwoot answers 429 with Retry-After, then the bot waits that long before trying again', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.faults.failNext(1, { status: 429, retryAfterSec: 1, method: 'POST', path: '/messages' });
    await sim.customerSays(1, 27, PASSWORD_QUESTION);

    await sim.waitFor(() => publicReplies(sim, 1, 27).length > 0, 10_000);
    await botSettled(world);
    const posts = sim.callsTo('/messages', 'POST');
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
  });

  it('when Chatwoot keeps failing in the middle of an escalation, then the retried job still ends with one task and one of each step', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    // The handoff message fails through the client's own retries, so the whole job is retried.
    sim.faults.failNext(4, { status: 503, method: 'POST', path: '/messages' });
    await sim.customerSays(1, 27, REFUND_REQUEST);

    await sim.waitFor(() => sim.conversation(1, 27).status === 'open', 10_000);
    await botSettled(world);
    expect(sim.callsTo('/messages', 'POST').filter((c) => c.fault)).toHaveLength(4);
    expect(vaultTasks(world.vaultDir)).toHaveLength(1);
    expect(escalationSteps(sim, 1, 27)).toEqual(ONCE_EACH);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(privateNotes(sim, 1, 27)).toHaveLength(1);
    expect(sim.invalidCalls()).toEqual([]);
  });
});
