import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Chatwoot contract is ground truth and lives beside the repo (`<repo>/../shared`),
 * both here and in a fresh CI clone, so resolve it from this file rather than the cwd.
 */
export function contractDir(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dir = resolve(repo, '..', 'shared', 'chatwoot-contract');
  if (!existsSync(dir)) throw new Error(`Chatwoot contract not found at ${dir}`);
  return dir;
}

const texts = new Map<string, string>();

/** Parses on every call, so callers get their own deep copy and may mutate it freely. */
function loadJson<T>(relative: string): T {
  let text = texts.get(relative);
  if (text === undefined) {
    text = readFileSync(join(contractDir(), relative), 'utf8');
    texts.set(relative, text);
  }
  return JSON.parse(text) as T;
}

/** `webhooks/<name>.json`, e.g. `loadWebhookFixture('message_created.incoming')`. */
export function loadWebhookFixture<T = Record<string, any>>(name: string): T {
  return loadJson<T>(join('webhooks', `${name.replace(/\.json$/, '')}.json`));
}

/** `help-center/<name>.json`: article, article.create_request, canned_responses. */
export function loadHelpCenterFixture<T = any>(name: string): T {
  return loadJson<T>(join('help-center', `${name.replace(/\.json$/, '')}.json`));
}

/** The unmodified upstream OpenAPI 3.1 document (with `$ref`s still in place). */
export function loadSwagger(): Record<string, any> {
  return loadJson<Record<string, any>>('swagger.json');
}
