import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const bot = resolve(dirname(fileURLToPath(import.meta.url)), '../../bot');

/**
 * Bundles the bot's own TypeScript (with `shared`) into one ESM file, its npm dependencies left
 * external, so e2e tests start `node <file>` instead of paying tsx's per-module hooks on every
 * start (about three times faster). The file sits in `bot/dist/`, one level below `bot/` like
 * `bot/src/main.ts`, so dependency resolution and main.ts's `import.meta.url` paths still hold.
 */
export async function buildBot(outfile = join(bot, 'dist', `e2e-main-${process.pid}.mjs`)): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(bot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const external = Object.keys(pkg.dependencies).filter((name) => !pkg.dependencies[name]!.startsWith('workspace:'));
  await build({
    entryPoints: [join(bot, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    logLevel: 'warning',
  });
  return outfile;
}
