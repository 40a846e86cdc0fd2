import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const testDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The short soak CI runs: the real `pnpm soak` entry point, a fixed seed, its exit code. */
describe('soak (short)', () => {
  it('when the bot is killed and Chatwoot fails, throttles, stalls and re-sends for 18 s, then every invariant holds', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'soak/run.ts', '--seconds', '18', '--conversations', '300', '--seed', '20261125'], {
      cwd: testDir,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((res) => child.once('exit', res));
    // The report, without the bot log lines it quotes, is the failure message.
    const report = out
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('{'))
      .slice(-80)
      .join('\n');
    expect(code, report).toBe(0);
    expect(report).toContain('violations: 0');
  }, 60_000);
});
