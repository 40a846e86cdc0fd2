import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ground-truth contract lives beside the repo (`../shared`), in CI too. */
function contractDir(): string {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/chatwoot-contract');
  if (!existsSync(dir)) throw new Error(`Chatwoot contract not found at ${dir}`);
  return dir;
}

/** The string Chatwoot posts into the frame, byte for byte. */
export const appContextString = (): string => readFileSync(resolve(contractDir(), 'dashboard-app/appContext.json'), 'utf8');

/** The fixture with edits (e.g. another account), re-serialised as Chatwoot would send it. */
export function appContextWith(edit: (ctx: any) => void): string {
  const ctx = JSON.parse(appContextString());
  edit(ctx);
  return JSON.stringify(ctx);
}
