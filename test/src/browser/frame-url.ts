import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const botDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../bot');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `app-token` command, as an admin would. */
export function runAppTokenCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(botDir, 'src/cli/app-token.ts'), ...args], {
      cwd: botDir,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', rej);
    child.once('exit', (code) => res({ code, stdout, stderr }));
  });
}

/** The frame URL the command prints for `accountId`. */
export async function issueFrameUrl(accountId: number, env: { APP_SECRET: string; PUBLIC_URL: string }): Promise<string> {
  const r = await runAppTokenCli(['--account', String(accountId)], env);
  const url = /https?:\/\/\S+\/app\/#token=\S+/.exec(r.stdout)?.[0];
  if (r.code !== 0 || !url) throw new Error(`app-token failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return url;
}
