import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadPublishConfig } from '../config.ts';
import { HttpError } from '../http/errors.ts';
import { createHelpCenterClient } from '../publish/help-center-client.ts';
import { adminTokenProblem, publishSops } from '../publish/publish-sops.ts';
import { reportTable } from '../publish/report-table.ts';
import { createDirectory } from '../sbf/directory.ts';
import { openVaultStore } from '../sbf/vault-store.ts';

/**
 * `pnpm publish-sops [--client <uid>] [--dry-run]`: publishes public, published SOPs to each
 * client's Chatwoot Help Center portal. Prints a table, then the report as one JSON line.
 */
const USAGE = `usage: publish-sops [--client <client uid>] [--dry-run]

Creates, updates or takes down the Help Center articles of every client (or one client) so that
they match the vault's public, published SOPs, and writes article id, URL and hash back to each SOP.
  --client <uid>   only this client, e.g. va-client-acme-001
  --dry-run        show what would change; nothing is sent to Chatwoot or written to the vault
                   (needs no admin token)

Environment: CHATWOOT_BASE_URL, CHATWOOT_ADMIN_TOKEN (an administrator's access token) or
CHATWOOT_ADMIN_TOKENS="<account>:<token>,…", SBF_VAULT_DIR; optional CHATWOOT_HELP_CENTER_AUTHOR_ID,
CHATWOOT_HELP_CENTER_URL, CHATWOOT_TIMEOUT_MS, LOG_LEVEL (default warn, to stderr).
Exit status: 0 done, 1 some articles failed, 2 bad arguments, 78 configuration missing.`;

function fail(code: number, message: string): never {
  process.stderr.write(`publish-sops: ${message}\n\n${USAGE}\n`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({
    options: { client: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }));
} catch (err) {
  fail(2, (err as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const clientUid = values.client?.trim();
if (values.client !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(clientUid ?? '')) {
  fail(2, `--client must be a client uid such as va-client-acme-001, got "${values.client}"`);
}
const dryRun = values['dry-run'] ?? false;

let config;
try {
  config = loadPublishConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  fail(78, err.message);
}
const problem = adminTokenProblem(config.publish);
if (problem && !dryRun) fail(78, problem);
const vaultDir = resolve(config.vaultDir);
if (!existsSync(vaultDir)) fail(78, `SBF_VAULT_DIR ${vaultDir} does not exist`);

const log = pino({ level: config.logLevel, redact: { paths: ['config.headers', 'headers.api_access_token'], censor: '[redacted]' } }, pino.destination(2));
const store = openVaultStore(vaultDir, log.child({ part: 'vault' }));
const { adminToken, adminTokens } = config.publish;
let report;
try {
  report = await publishSops(
    {
      store,
      directory: await createDirectory(store, log.child({ part: 'directory' })),
      helpCenter: problem
        ? undefined
        : createHelpCenterClient({ baseUrl: config.chatwoot.baseUrl, tokenFor: (id) => adminTokens.get(id) ?? adminToken, timeoutMs: config.chatwoot.timeoutMs }),
      authorId: config.publish.authorId,
      helpCenterUrl: config.publish.helpCenterUrl,
      log,
    },
    { clientUid, dryRun },
  );
} catch (err) {
  if (err instanceof HttpError && err.status === 404) fail(2, err.message);
  throw err;
}
process.stdout.write(`${reportTable(report)}\n${JSON.stringify(report)}\n`);
process.exit(report.failed.length ? 1 : 0);
