import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const testDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `demo.ts` as `pnpm demo` would, and collects what it prints. */
function runDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo.ts', ...args], {
    cwd: testDir,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((res) => child.once('exit', (code) => res({ code, stdout, stderr })));
}

describe.concurrent('pnpm demo', () => {
  it('when the demo runs with --once, then it plays the scene (an answer, a Spanish answer, a choice the customer takes, an escalation) and exits 0', { timeout: 120_000 }, async ({ expect, onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), 'sbf-e2e-demo-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));

    const { code, stdout, stderr } = await runDemo(['--once', '--dir', dir]);
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(stdout).toContain('account 1  Acme Cloud');
    expect(stdout).toMatch(/1\. A question the SOPs answer[\s\S]*Forgot password[\s\S]*Source: Reset your password/);
    expect(stdout).toMatch(/2\. A question in Spanish[\s\S]*sábados de 9:00 am a 4:00 pm[\s\S]*Fuente: Horario de la tienda/);
    expect(stdout).toMatch(/3\. A question between two SOPs[\s\S]*\[ Update your credit card or payment method \][\s\S]*\[ Something else: talk to our team \][\s\S]*clicks[\s\S]*Source: Update your credit card or payment method/);
    expect(stdout).toMatch(/4\. A refund request[\s\S]*passing this to Alice/);
    expect(stdout).toContain('Escalated to SBF task va-task-acme-001');
    expect(stdout).toContain('VA chosen: alice (Chatwoot agent 7)');
    expect(stdout).toContain('status pending → open via bot_handoff');
    expect(stdout).toContain('Scene complete');
    expect(stdout).not.toContain('did not go as expected');
    expect(existsSync(join(dir, 'vault/clients/acme/tasks/va-task-acme-001.md'))).toBe(true);
  });
});
