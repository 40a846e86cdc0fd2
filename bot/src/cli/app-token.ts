import { loadAppTokenConfig } from '../config.ts';
import { frameUrl, issueAppToken } from '../dashboard/app-token.ts';
import { command, EXIT_USAGE } from './command.ts';

/**
 * `pnpm --filter @sbf-chatwoot/bot app-token --account 1`: prints the Dashboard App URL for one
 * Chatwoot account. Needs the bot's APP_SECRET and PUBLIC_URL in the environment.
 */
const USAGE = `usage: app-token --account <chatwoot account id>

Prints the frame URL to paste into Chatwoot → Settings → Integrations → Dashboard Apps.
Environment: APP_SECRET (as the bot has it), PUBLIC_URL (where VAs' browsers reach the bot).`;

const cli = command('app-token', USAGE);
const { values } = cli.args({ options: { account: { type: 'string' } } });
const accountId = Number(values.account);
if (!values.account || !/^\d+$/.test(values.account) || !Number.isSafeInteger(accountId) || accountId <= 0) {
  cli.fail(EXIT_USAGE, values.account ? `--account must be a positive integer, got "${values.account}"` : '--account is required');
}
const config = cli.config(loadAppTokenConfig);

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
