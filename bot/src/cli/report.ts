import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { loadStoreConfig } from '../config.ts';
import { computeReport } from '../report/compute-report.ts';
import { renderReport } from '../report/render-report.ts';
import { createDirectory } from '../sbf/directory.ts';
import { openVaultStore } from '../sbf/vault-store.ts';
import { openDb, STORE_FILE } from '../store/db.ts';
import { createTracking } from '../store/tracking.ts';
import { command, EXIT_CONFIG, EXIT_USAGE } from './command.ts';

const USAGE = `usage: pnpm report [--client <client uid>] [--since <YYYY-MM-DD>] [--json]

Per client and VA: conversations, deflection, escalation rate, VA first-response times and CSAT, from
the bot's store; writes each client's roll-up to its va.customer_support note.
Environment: DATA_DIR, SBF_VAULT_DIR (as the bot has them).`;

const cli = command('report', USAGE);
const args = cli.args({ options: { client: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } } }).values;
const since = args.since === undefined ? 0 : Date.parse(args.since);
if (Number.isNaN(since)) cli.fail(EXIT_USAGE, `--since "${args.since}" is not a date (use YYYY-MM-DD)`);
const config = cli.config(loadStoreConfig);
// The report reads what the bot recorded: an empty store made here would only report nothing.
const dataDir = resolve(config.dataDir);
if (!existsSync(join(dataDir, STORE_FILE))) cli.fail(EXIT_CONFIG, `DATA_DIR ${dataDir} holds no bot store (${STORE_FILE}): point it where the bot keeps its data`);
const vaultDir = cli.existingDir('SBF_VAULT_DIR', config.vaultDir);

const log = pino({ level: 'warn' }, process.stderr);
const tracking = createTracking(openDb(dataDir));
const store = openVaultStore(vaultDir, log);
const directory = await createDirectory(store, log);
if (args.client && !directory.byClient(args.client)) cli.fail(EXIT_USAGE, `no va.customer_support note for client ${args.client}`);

const report = computeReport(tracking.list({ clientUid: args.client, since }), (uid) => directory.byClient(uid)?.client?.title);
const period = { since: new Date(since).toISOString(), until: new Date().toISOString() };
// The roll-up lives on the client's support note, where the rest of SBF can read it.
for (const { vas: _vas, client_uid, client_name: _name, ...totals } of report) {
  const support = directory.byClient(client_uid)?.support;
  if (support) await store.update(support.uid, { metrics: { period, ...totals, generated_at: period.until } });
}
process.stdout.write(args.json ? `${JSON.stringify({ period, clients: report })}\n` : `${renderReport(report)}\n`);
