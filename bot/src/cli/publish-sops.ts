import { pino } from 'pino';
import { loadPublishConfig } from '../config.ts';
import { HttpError } from '../http/errors.ts';
import { createHelpCenterClient } from '../publish/help-center-client.ts';
import { adminTokenProblem, publishSops } from '../publish/publish-sops.ts';
import { reportTable } from '../publish/report-table.ts';
import { createDirectory } from '../sbf/directory.ts';
import { openVaultStore } from '../sbf/vault-store.ts';
import { command, EXIT_CONFIG, EXIT_USAGE } from './command.ts';

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

const cli = command('publish-sops', USAGE);
const { values } = cli.args({ options: { client: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
const clientUid = values.client?.trim();
if (values.client !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(clientUid ?? '')) {
  cli.fail(EXIT_USAGE, `--client must be a client uid such as va-client-acme-001, got "${values.client}"`);
}
const dryRun = values['dry-run'] ?? false;

const config = cli.config(loadPublishConfig);
const problem = adminTokenProblem(config.publish);
if (problem && !dryRun) cli.fail(EXIT_CONFIG, problem);
const vaultDir = cli.existingDir('SBF_VAULT_DIR', config.vaultDir);

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
  if (err instanceof HttpError && err.status === 404) cli.fail(EXIT_USAGE, err.message);
  throw err;
}
process.stdout.write(`${reportTable(report)}\n${JSON.stringify(report)}\n`);
process.exit(report.failed.length ? 1 : 0);
