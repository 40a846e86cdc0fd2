import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ground-truth contract lives beside the repo (`../shared`), in CI too. */
export function contractDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = resolve(here, '../../../../shared/chatwoot-contract');
  if (!existsSync(dir)) throw new Error(`Chatwoot contract not found at ${dir}`);
  return dir;
}
