import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadStoreConfig } from '../config.ts';
import { computeReport } from '../report/compute-report.ts';
import { renderReport } from '../report/render-report.ts';
import { createDirectory } from '../sbf/directory.ts';
import { openVaultStore } from '../sbf/vault-store.ts';
import { openDb } from '../store/db.ts';
import { createTracking } from '../store/tracking.ts';

function fail(message: string): never {
  process.stderr.write(`report: ${message}\nusage: pnpm report [--client <client uid>] [--since <YYYY-MM-DD>] [--json]\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({ options: { client: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } } }).values;
} catch (err) {
  fail((err as Error).message);
}
const since = args.since === undefined ? 0 : Date.parse(args.since);
if (Number.isNaN(since)) fail(`--since "${args.since}" is not a date (use YYYY-MM-DD)`);
let config;
try {
  config = loadStoreConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}

const log = pino({ level: 'warn' }, process.stderr);
const tracking = createTracking(openDb(resolve(config.dataDir)));
const store = openVaultStore(resolve(config.vaultDir), log);
const directory = await createDirectory(store, log);
if (args.client && !directory.byClient(args.client)) fail(`no va.customer_support note for client ${args.client}`);

const report = computeReport(tracking.list({ clientUid: args.client, since }), (uid) => directory.byClient(uid)?.client?.title);
const period = { since: new Date(since).toISOString(), until: new Date().toISOString() };
// The roll-up lives on the client's support note, where the rest of SBF can read it.
for (const { vas: _vas, client_uid, client_name: _name, ...totals } of report) {
  const support = directory.byClient(client_uid)?.support;
  if (support) await store.update(support.uid, { metrics: { period, ...totals, generated_at: period.until } });
}
process.stdout.write(args.json ? `${JSON.stringify({ period, clients: report })}\n` : `${renderReport(report)}\n`);
