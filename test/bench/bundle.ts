import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type BundleFigures =
  | { built: boolean; files: Array<{ file: string; bytes: number; gzip: number }>; gzipKb: number }
  | { skipped: string };

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).filter((n) => n !== 'node_modules').map((n) => newestMtime(join(path, n))));
}

/**
 * The dashboard's initial JS: the entry script and the chunks index.html preloads, gzipped
 * (zlib default level, as Vite reports). Builds first when dist is missing or older than the
 * sources; skipped with the reason when the app does not build.
 */
export function benchBundle(repo: string): BundleFigures {
  const app = join(repo, 'dashboard-app');
  const html = join(app, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(app, p));
  const stale = !existsSync(html) || Math.max(...sources.map(newestMtime), newestMtime(join(repo, 'shared', 'src'))) > statSync(html).mtimeMs;
  if (stale) {
    const build = spawnSync('pnpm', ['--filter', '@sbf-chatwoot/dashboard-app', 'build'], { cwd: repo, encoding: 'utf8' });
    if (build.status !== 0 || !existsSync(html)) {
      const why = (build.stderr || build.stdout || String(build.error ?? '')).trim().split('\n').slice(-3).join(' ');
      return { skipped: `dashboard-app does not build: ${why.slice(0, 300)}` };
    }
  }
  const page = readFileSync(html, 'utf8');
  const refs = [
    ...page.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...page.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  const files = [...new Set(refs)].map((ref) => {
    const file = ref.replace(/^\/app\//, '');
    const bytes = readFileSync(join(app, 'dist', file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes).length };
  });
  if (!files.length) return { skipped: 'dashboard-app/dist/index.html references no module script' };
  return { built: stale, files, gzipKb: files.reduce((sum, f) => sum + f.gzip, 0) / 1024 };
}
