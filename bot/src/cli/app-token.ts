import { parseArgs } from 'node:util';
import { ConfigError, loadAppTokenConfig } from '../config.ts';
import { frameUrl, issueAppToken } from '../dashboard/app-token.ts';

/**
 * `pnpm --filter @sbf-chatwoot/bot app-token --account 1`: prints the Dashboard App URL for one
 * Chatwoot account. Needs the bot's APP_SECRET and PUBLIC_URL in the environment.
 */
const USAGE = `usage: app-token --account <chatwoot account id>

Prints the frame URL to paste into Chatwoot → Settings → Integrations → Dashboard Apps.
Environment: APP_SECRET (as the bot has it), PUBLIC_URL (where VAs' browsers reach the bot).`;

function fail(code: number, message: string): never {
  process.stderr.write(`app-token: ${message}\n\n${USAGE}\n`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({ options: { account: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
} catch (err) {
  fail(2, (err as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const accountId = Number(values.account);
if (!values.account || !/^\d+$/.test(values.account) || !Number.isSafeInteger(accountId) || accountId <= 0) {
  fail(2, values.account ? `--account must be a positive integer, got "${values.account}"` : '--account is required');
}

let config;
try {
  config = loadAppTokenConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  fail(78, err.message);
}

if (config.publicUrlIsDefault) {
  process.stderr.write(`app-token: PUBLIC_URL is not set, so the URL points at ${config.publicUrl}; VAs' browsers must reach it.\n`);
}
process.stdout.write(
  [
    `Dashboard App URL for Chatwoot account ${accountId}:`,
    '',
    `  ${frameUrl(config.publicUrl, issueAppToken(config.appSecret, accountId))}`,
    '',
    'Paste it in Chatwoot → Settings → Integrations → Dashboard Apps → Add a new dashboard app.',
    'It grants this account\'s SBF data to whoever holds it: treat it as a secret. Rotating APP_SECRET revokes it.',
    '',
  ].join('\n'),
);
