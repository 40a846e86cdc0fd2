import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'vitest';
import { writeTestVault } from '../src/demo-vault.ts';
import { startBotSerially } from './harness.ts';

/** Starts the bot with `env`; resolves with the error it died with (it must not start). */
async function startFailure(env: Record<string, string>): Promise<string> {
  try {
    const bot = await startBotSerially(env);
    await bot.kill();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the bot started although its configuration is incomplete');
}

/** A valid vault and data dir in a fresh temp dir, removed when the test ends. */
function baseEnv(onTestFinished: TestContext['onTestFinished']) {
  const dir = mkdtempSync(join(tmpdir(), 'sbf-e2e-config-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return { SBF_VAULT_DIR: writeTestVault(join(dir, 'vault')), DATA_DIR: join(dir, 'data') };
}

describe.concurrent('configuration at start', () => {
  it('when neither CHATWOOT_BASE_URL nor a bot token is set, then the bot exits non-zero naming both', async ({ expect, onTestFinished }) => {
    const message = await startFailure(baseEnv(onTestFinished));
    expect(message).toMatch(/^bot exited with [1-9]\d*:/);
    expect(message).toContain('Invalid configuration');
    expect(message).toMatch(/CHATWOOT_BASE_URL: CHATWOOT_BASE_URL must be the http\(s\) URL/);
    expect(message).toMatch(/CHATWOOT_BOT_TOKEN: set the Agent Bot access token/);
  });

  it('when only the webhook secret is wrong (too short), then the bot exits non-zero naming just CHATWOOT_WEBHOOK_SECRET', async ({ expect, onTestFinished }) => {
    const message = await startFailure({
      ...baseEnv(onTestFinished),
      CHATWOOT_BASE_URL: 'http://127.0.0.1:9',
      CHATWOOT_BOT_TOKEN: 'tok',
      CHATWOOT_WEBHOOK_SECRET: 'short',
    });
    expect(message).toMatch(/^bot exited with [1-9]\d*:/);
    expect(message).toMatch(/CHATWOOT_WEBHOOK_SECRET: /);
    expect(message).not.toMatch(/CHATWOOT_BASE_URL:|CHATWOOT_BOT_TOKEN:/);
  });
});
