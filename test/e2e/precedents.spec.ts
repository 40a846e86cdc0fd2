import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'vitest';
import { writeTestVault } from '../src/demo-vault.ts';
import { issueFrameUrl } from '../src/browser/frame-url.ts';
import { botSettled, PASSWORD_QUESTION, privateNotes, publicReplies, runPrecedents, startBotSerially, startWorld, USER_TOKEN, vaultTasks, type World } from './harness.ts';

const ACME = 'va-client-acme-001';
const APP_SECRET = 'e2e-app-secret-e2e-app-secret-e2e-app';
const VAGUE_LOGIN = 'I need to get back into my account';

/** A labelled JSON-lines file of past questions in a fresh temp dir, removed when the test ends. */
function precedentsFile(onTestFinished: TestContext['onTestFinished'], lines: object[] | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sbf-e2e-precedents-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'past.jsonl');
  writeFileSync(file, typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

/** The customer writes in account 1's widget; the bot's first public reply, once it has settled. */
async function firstReply(world: World, c: number, text: string) {
  await world.sim.customerSays(1, c, text);
  await world.sim.waitFor(() => publicReplies(world.sim, 1, c).length === 1, 10_000);
  await botSettled(world);
  return publicReplies(world.sim, 1, c)[0]!;
}

/** A customer asks a vague login question and gets a choice; a VA then answers it from the dashboard with the password SOP. */
async function learnFromDashboard(world: World, c: number) {
  const { sim } = world;
  await sim.customerSays(1, c, VAGUE_LOGIN);
  await sim.waitFor(() => publicReplies(sim, 1, c).some((m) => m.content_type === 'input_select'), 10_000);
  await botSettled(world);
  // Sam answers from the dashboard, as the app's "Send answer" does.
  const token = new URL(await issueFrameUrl(1, { APP_SECRET, PUBLIC_URL: world.bot.url })).hash.replace('#token=', '');
  return fetch(`${world.bot.url}/api/dashboard/accounts/1/conversations/${c}/replies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${decodeURIComponent(token)}`, 'x-chatwoot-user-token': USER_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ agentId: 7, sopUid: 'va-sop-acme-password-reset-001' }),
  });
}

describe.concurrent('precedents (ADR 016)', () => {
  it('when a past question much like this one was answered by a close SOP, then the bot answers with it instead of offering a choice', async ({ expect, onTestFinished }) => {
    const file = precedentsFile(onTestFinished, [
      { text: 'I need to get back into my account, how?', client_uid: ACME, expect: { answer: 'va-sop-acme-password-reset-001' } },
    ]);
    const world = await startWorld(onTestFinished, { env: { PRECEDENTS: file } });
    const { sim } = world;
    // Without the precedent this very question is offered a choice (choice.spec.ts).
    expect(await firstReply(world, 71, VAGUE_LOGIN)).toMatchObject({ content_type: 'text', content: expect.stringContaining('Source: Reset your password') });
    expect(vaultTasks(world.vaultDir)).toEqual([]);
    expect(sim.invalidCalls()).toEqual([]);
  });

  it('when a past question much like this one needed a person, then a VA takes it and the note quotes that question', async ({ expect, onTestFinished }) => {
    const past = 'I forgot my password and cannot log in, how do I reset it?';
    const file = precedentsFile(onTestFinished, [{ text: past, client_uid: ACME, expect: { escalate: true }, why: 'internal_only' }]);
    const world = await startWorld(onTestFinished, { env: { PRECEDENTS: file } });
    const { sim } = world;
    await sim.customerSays(1, 72, PASSWORD_QUESTION);
    await sim.waitFor(() => sim.conversation(1, 72).status === 'open', 10_000);
    await botSettled(world);
    expect(vaultTasks(world.vaultDir).map((t) => t.data.tags)).toEqual([['chatwoot', 'escalation:precedent']]);
    expect(privateNotes(sim, 1, 72)[0]!.content).toContain(`a question like this one needed a person (internal_only): "${past}"`);
    expect(sim.invalidCalls()).toEqual([]);
  });

  it('when the precedents file has a bad line, then the bot exits non-zero naming PRECEDENTS, the file and the line', async ({ expect, onTestFinished }) => {
    const file = precedentsFile(onTestFinished, `${JSON.stringify({ text: 'ok', client_uid: ACME, expect: { escalate: true } })}\n{"text": "no label"}\n`);
    const dir = mkdtempSync(join(tmpdir(), 'sbf-e2e-precedents-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    let message = '';
    try {
      const bot = await startBotSerially({
        SBF_VAULT_DIR: writeTestVault(join(dir, 'vault')),
        DATA_DIR: join(dir, 'data'),
        CHATWOOT_BASE_URL: 'http://127.0.0.1:9',
        CHATWOOT_BOT_TOKEN: 'tok',
        PRECEDENTS: file,
      });
      await bot.kill();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^bot exited with [1-9]\d*:/);
    expect(message).toContain(`PRECEDENTS: ${file}:2: client_uid`);
  });
  it('when a VA answers a question with a SOP from the dashboard, then after a restart the next question much like it is answered by the bot', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, { env: { APP_SECRET } });
    expect((await learnFromDashboard(world, 73)).status).toBe(200);

    await world.restartBot();
    expect(await firstReply(world, 74, 'I need to get back in to my account')).toMatchObject({ content_type: 'text', content: expect.stringContaining('Source: Reset your password') });
    expect(world.sim.invalidCalls()).toEqual([]);
  });

  it('when the operator adds a past question to a PRECEDENTS file while the bot runs, then the bot decides by it without a restart', async ({ expect, onTestFinished }) => {
    const file = precedentsFile(onTestFinished, []);
    const world = await startWorld(onTestFinished, { env: { PRECEDENTS: file, PRECEDENTS_RECHECK_SECONDS: '0.2' } });
    expect(await firstReply(world, 80, VAGUE_LOGIN)).toMatchObject({ content_type: 'input_select' });

    writeFileSync(file, JSON.stringify({ text: 'I need to get back into my account, how?', client_uid: ACME, expect: { answer: 'va-sop-acme-password-reset-001' } }) + '\n');
    // The bot looks at the file every 0.2 s; each try is a new conversation, so none repeats the last.
    const deadline = Date.now() + 10_000;
    let conversation = 81;
    let reply = await firstReply(world, conversation, VAGUE_LOGIN);
    while (reply.content_type !== 'text' && Date.now() < deadline) reply = await firstReply(world, ++conversation, VAGUE_LOGIN);
    expect(reply).toMatchObject({ content_type: 'text', content: expect.stringContaining('Source: Reset your password') });
    expect(world.sim.invalidCalls()).toEqual([]);
  });

  it('when an operator removes a learned precedent with pnpm precedents, then the running bot stops deciding by it', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, { env: { APP_SECRET, PRECEDENTS_RECHECK_SECONDS: '0.2' } });
    expect((await learnFromDashboard(world, 75)).status).toBe(200);
    expect(await firstReply(world, 76, 'I need to get back in to my account')).toMatchObject({ content_type: 'text', content: expect.stringContaining('Source: Reset your password') });

    const listed = runPrecedents([], { DATA_DIR: world.dataDir });
    expect(listed.stdout).toContain(`${ACME}\ten\tva-sop-acme-password-reset-001\t${VAGUE_LOGIN}`);
    const id = listed.stdout.split('\t')[0]!;
    expect(runPrecedents(['--remove', id], { DATA_DIR: world.dataDir }).status).toBe(0);

    // No restart: the bot looks again every 0.2 s, so such a question soon gets the choice it got before
    // (each try is a new conversation, so none is a repeat of the last).
    const deadline = Date.now() + 10_000;
    let conversation = 77;
    let reply = await firstReply(world, conversation, 'I need to get back in to my account');
    while (reply.content_type !== 'input_select' && Date.now() < deadline) reply = await firstReply(world, ++conversation, 'I need to get back in to my account');
    expect(reply).toMatchObject({ content_type: 'input_select' });
    expect(world.sim.invalidCalls()).toEqual([]);
  });
});
