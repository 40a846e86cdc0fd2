import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dashboard-app');
let built: Promise<void> | undefined;

/** `vite build` of the dashboard app into dashboard-app/dist, where the bot serves it; once per process. */
export function buildDashboardApp(): Promise<void> {
  built ??= new Promise<void>((res, rej) => {
    const out: string[] = [];
    const child = spawn(process.execPath, [resolve(appDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: appDir,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c: Buffer) => out.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => out.push(c.toString()));
    child.once('error', rej);
    child.once('exit', (code) => (code === 0 ? res() : rej(new Error(`vite build failed (${code}):\n${out.join('')}`))));
  });
  return built;
}
