import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboardApp } from '../src/browser/build-dashboard.ts';
import { launchChromium } from '../src/browser/chromium.ts';
import { issueFrameUrl, runAppTokenCli } from '../src/browser/frame-url.ts';
import { startHostPages, type HostPages } from '../src/browser/host-page.ts';
import { contractDir } from '../src/fixtures.ts';
import { botSettled, privateNotes, publicReplies, REFUND_REQUEST, runPrecedents, startWorld, USER_TOKEN, vaultTasks, type World } from './harness.ts';

const APP_SECRET = 'e2e-app-secret-e2e-app-secret-e2e-app';
const appContext = () => JSON.parse(readFileSync(join(contractDir(), 'dashboard-app/appContext.json'), 'utf8'));

/**
 * The dashboard app in real Chromium, framed by a page that behaves like Chatwoot, talking to
 * the real bot process, which talks to the simulated Chatwoot.
 */
describe('dashboard app in Chromium', () => {
  const cleanups: Array<() => Promise<void>> = [];
  let world: World;
  let host: HostPages;
  let otherHost: HostPages;
  let browser: Browser;
  let frameUrl: string;

  beforeAll(async () => {
    const built = buildDashboardApp();
    host = await startHostPages();
    otherHost = await startHostPages();
    world = await startWorld((fn) => void cleanups.push(fn), {
      env: { APP_SECRET, CHATWOOT_DASHBOARD_ORIGIN: host.origin },
    });
    // The bot escalates conversation 27 by itself: that task is what the VA then sees.
    world.sim.openConversation({ accountId: 1, displayId: 27 });
    await world.sim.customerSays(1, 27, REFUND_REQUEST);
    await world.sim.waitFor(() => world.sim.conversation(1, 27).custom_attributes.sbf_task_uid, 10_000);
    await botSettled(world);
    frameUrl = await issueFrameUrl(1, { APP_SECRET, PUBLIC_URL: world.bot.url });
    [browser] = await Promise.all([launchChromium(), built]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([host?.close(), otherHost?.close()]);
    for (const fn of cleanups) await fn();
  });

  async function open(path: string, context: unknown, on = host) {
    const page: Page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (m) => void console.push(`${m.type()}: ${m.text()}`));
    await page.goto(on.host(path, { frameUrl, context }));
    return { page, app: page.frameLocator('#dashboard-app--frame-0-0'), console };
  }

  async function signIn(app: FrameLocator) {
    await app.locator('[data-test="user-token"]').fill(USER_TOKEN);
    await app.locator('[data-test="sign-in"]').click();
    await app.locator('[data-test="signed-in"]').waitFor({ timeout: 10_000 });
  }

  it('when the admin runs app-token, then the URL carries the token in its fragment only', async () => {
    const url = new URL(frameUrl);
    expect(url.pathname).toBe('/app/');
    expect(url.search).toBe('');
    expect(url.hash).toMatch(/^#token=sbfa1\./);
    const bad = await runAppTokenCli(['--account', 'two'], { APP_SECRET, PUBLIC_URL: world.bot.url });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--account must be a positive integer');
  });

  it('when Chatwoot frames the app and posts the fixture context, then the client, the task and the SOPs appear', async () => {
    const { page, app, console } = await open('/conversations/27', appContext());
    const task = vaultTasks(world.vaultDir)[0]!.data;
    await expect.poll(() => app.locator('[aria-label="SBF task"]').textContent(), { timeout: 10_000 }).toContain(task.title);
    const text = await app.locator('main').textContent();
    expect(text).toContain('Acme Cloud');
    expect(text).toContain(task.uid);
    expect(text).toContain(`assigned to ${task.assigned_to}`);
    expect(text).toMatch(/First response due in (29|30) min/);
    // The fixture's customer message asks for a password reset.
    const sop = app.locator('[data-sop="va-sop-acme-password-reset-001"]').first();
    await sop.waitFor({ timeout: 10_000 });
    expect(await sop.locator('[data-test="why"]').textContent()).toMatch(/matched .*password/);
    expect(await sop.locator('.md strong').first().textContent()).toBe('Forgot password');
    // The app runs under the bot's strict CSP without tripping it.
    expect(console.filter((l) => /Content Security Policy|error/i.test(l))).toEqual([]);
    await page.close();
  });

  it("when Chatwoot's theme is dark, or the OS is and Chatwoot says nothing, then the app uses its dark colours", async () => {
    const themed = (theme: string) => { const c = appContext(); return { ...c, data: { ...c.data, theme } }; };
    const background = (app: FrameLocator) => app.locator('main.app').evaluate((el) => getComputedStyle(el).backgroundColor);
    const dark = await open('/conversations/27/dark', themed('dark'));
    await dark.app.locator('[aria-label="SBF task"]').waitFor({ timeout: 10_000 });
    expect(await background(dark.app)).toBe('rgb(21, 23, 24)');
    await dark.page.emulateMedia({ colorScheme: 'dark' });
    const forcedLight = await open('/conversations/27/light', themed('light'));
    await forcedLight.page.emulateMedia({ colorScheme: 'dark' });
    await forcedLight.app.locator('[aria-label="SBF task"]').waitFor({ timeout: 10_000 });
    expect(await background(forcedLight.app)).toBe('rgb(255, 255, 255)');
    const os = await open('/conversations/27/os', appContext());
    await os.page.emulateMedia({ colorScheme: 'dark' });
    await os.app.locator('[aria-label="SBF task"]').waitFor({ timeout: 10_000 });
    expect(await background(os.app)).toBe('rgb(21, 23, 24)');
    await Promise.all([dark.page.close(), forcedLight.page.close(), os.page.close()]);
  });

  it('when Sam signs in and adds a note, then the bot writes it to the task and the simulator records the private note', async () => {
    const { page, app } = await open('/conversations/27/note', appContext());
    await signIn(app);
    expect(await app.locator('[data-test="signed-in"]').textContent()).toBe('Acting as Alice Adams');

    const note = 'Called Jane: refund approved by finance.';
    await app.locator('[data-test="note"]').fill(note);
    await app.getByRole('button', { name: 'Add note' }).click();
    await app.locator('[data-test="last-action"]').waitFor({ timeout: 10_000 });

    const posted = world.sim.callsTo('/conversations/27/messages', 'POST').filter((c) => JSON.stringify(c.body).includes(note));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ auth: 'bot', status: 200, body: { private: true, message_type: 'outgoing' } });
    expect(posted[0]!.validationErrors).toEqual([]);
    expect(privateNotes(world.sim, 1, 27).at(-1)?.content).toContain(note);
    expect(vaultTasks(world.vaultDir)[0]!.body).toContain(note);
    // The VA's identity was checked with their own token, once.
    expect(world.sim.callsTo('/api/v1/profile', 'GET').map((c) => c.auth)).toEqual(['user']);
    await page.close();
  });

  it('when Sam sends a SOP answer, then the customer receives it from the bot', async () => {
    const { page, app } = await open('/conversations/27/send', appContext());
    // A new tab: the access token lived in the other tab's sessionStorage only.
    await signIn(app);
    const sop = app.locator('[data-sop="va-sop-acme-password-reset-001"]').first();
    await sop.locator('[data-test="send"]').click();
    await sop.locator('[data-test="confirm-send"]').click();
    await app.locator('[data-test="last-action"]').waitFor({ timeout: 10_000 });
    expect(publicReplies(world.sim, 1, 27).at(-1)?.content).toMatch(/Forgot password[\s\S]*Source: Reset your password/);
    await page.close();
  });

  it('when Sam has answered a question with a SOP, then a question like it lists that as learned, and Forget takes it out of the bot', async () => {
    // The SOP Sam sent above answered the refund request: the wrong precedent a VA would want gone.
    const context = appContext();
    const first = context.data.conversation.messages[0];
    context.data.conversation.messages.push({ ...first, id: first.id + 100, content: 'I want a refund, I was charged twice this month' });
    const { page, app } = await open('/conversations/27/past', context);
    await signIn(app);
    const learned = app.locator('[aria-label="Past questions"] li[data-learned]');
    await learned.first().waitFor({ timeout: 10_000 });
    expect(await learned.first().textContent()).toContain(REFUND_REQUEST);
    expect(await learned.first().textContent()).toContain('answered with “Reset your password”');
    expect(runPrecedents([], { DATA_DIR: world.dataDir }).stdout).toContain(REFUND_REQUEST);

    await learned.first().locator('[data-test="forget"]').click();
    await learned.first().locator('[data-test="confirm-forget"]').click();
    await expect.poll(() => learned.count(), { timeout: 10_000 }).toBe(0);
    expect(runPrecedents([], { DATA_DIR: world.dataDir }).stdout).toBe('no learned precedents\n');
    await page.close();
  });

  it("when the context claims account 2 but the token is account 1's, then the bot refuses and the app shows it", async () => {
    const forged = appContext();
    forged.data.conversation.account_id = 2;
    const before = world.sim.calls.length;
    const { page, app } = await open('/conversations/27/forged', forged);
    const error = app.locator('[data-test="panel-error"]');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toBe('this app token is for account 1, not account 2');
    expect(await app.locator('[aria-label="SBF task"]').count()).toBe(0);
    expect(world.sim.calls.slice(before).filter((c) => c.accountId === 2)).toEqual([]);
    await page.close();
  });

  it('when a page on another origin frames the app, then the browser refuses to show it', async () => {
    const { page, app, console } = await open('/conversations/27/elsewhere', appContext(), otherHost);
    await expect.poll(() => console.join('\n'), { timeout: 10_000 }).toMatch(/frame-ancestors/);
    expect(await app.locator('main').count()).toBe(0);
    await page.close();
  });

  it('when everything ran, then neither token ever reached the bot log', () => {
    const logs = world.bot.logs.join('\n');
    expect(logs).not.toContain(new URL(frameUrl).hash.slice('#token='.length));
    expect(logs).not.toContain(USER_TOKEN);
  });
});
