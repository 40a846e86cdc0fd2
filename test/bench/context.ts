import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDashboardApp } from '../src/browser/build-dashboard.ts';
import { launchChromium } from '../src/browser/chromium.ts';
import { issueFrameUrl } from '../src/browser/frame-url.ts';
import { startHostPages } from '../src/browser/host-page.ts';
import { contractDir } from '../src/fixtures.ts';
import { summarize, type Summary } from './stats.ts';
import { drained, startLoadWorld } from './world.ts';

export type ContextFigures = { shown: Summary } | { skipped: string };

const APP_SECRET = 'bench-app-secret-bench-app-secret-bench';
const SAMPLES = 10;

const TASK_TITLE = 'Chatwoot #27: I want a refund';

/**
 * Runs in every frame before its scripts: stamps the moment Chatwoot's appContext arrives and,
 * from a DOM observer (not a polling loop, which would add its own delay), the moment the task shows.
 */
const STAMP_CONTEXT = `window.addEventListener('message', (e) => {
  if (typeof e.data === 'string' && e.data.includes('"appContext"')) window.__contextAt ??= performance.timeOrigin + performance.now();
}, true);
new MutationObserver(() => {
  if (!window.__shownAt && document.querySelector('[aria-label="SBF task"]')?.textContent?.includes(${JSON.stringify(TASK_TITLE)})) {
    window.__shownAt = performance.timeOrigin + performance.now();
  }
}).observe(document, { subtree: true, childList: true, characterData: true });`;

/**
 * The dashboard app in Chromium, framed as Chatwoot frames it: ms from the appContext message
 * reaching the iframe to the linked task's title on screen (the app's API calls to the bot included).
 */
export async function benchContext(repo: string): Promise<ContextFigures> {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const host = await startHostPages();
  const world = await startLoadWorld({ env: { APP_SECRET, CHATWOOT_DASHBOARD_ORIGIN: host.origin } });
  try {
    await buildDashboardApp();
    browser = await launchChromium();
    world.sim.openConversation({ accountId: 1, displayId: 27 });
    await world.sim.customerSays(1, 27, 'I want a refund, I was charged twice');
    await world.sim.waitFor(() => world.sim.conversation(1, 27).custom_attributes.sbf_task_uid, 10_000);
    await drained(world, 10_000);
    const frameUrl = await issueFrameUrl(1, { APP_SECRET, PUBLIC_URL: world.bot.url });
    const context = JSON.parse(readFileSync(join(contractDir(), 'dashboard-app/appContext.json'), 'utf8'));
    const times: number[] = [];
    for (let i = 0; i < SAMPLES + 1; i++) {
      const page = await browser.newPage();
      await page.addInitScript(STAMP_CONTEXT);
      await page.goto(host.host(`/conversations/27/${i}`, { frameUrl, context }));
      const frame = page.frames().find((f) => f.url().startsWith(world.bot.url)) ?? (await page.waitForEvent('frameattached'));
      await frame.waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt, undefined, {
        polling: 100,
        timeout: 30_000,
      });
      const [at, shown] = await frame.evaluate(() => {
        const w = window as unknown as { __contextAt: number; __shownAt: number };
        return [w.__contextAt, w.__shownAt];
      });
      if (i > 0) times.push(shown - at); // the first page warms the browser's cache and the bot's JIT
      await page.close();
    }
    return { shown: summarize(times) };
  } catch (err) {
    return { skipped: `dashboard context not measured: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    await browser?.close();
    await world.close();
    await host.close();
  }
}
