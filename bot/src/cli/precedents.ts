import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadStoreConfig } from '../config.ts';
import { openDb, STORE_FILE } from '../store/db.ts';
import { createPrecedentStore, type LearnedPrecedent } from '../store/precedents.ts';
import { command, EXIT_CONFIG, EXIT_USAGE } from './command.ts';

const USAGE = `usage: pnpm precedents [--client <client uid>] [--jsonl]
       pnpm precedents --remove <id> [--remove <id> …]

Lists the precedents the bot learned at work (ADR 016): questions a VA answered with a SOP from the
Dashboard App, which now decide questions much like them. Oldest first: id, date, client, language,
SOP and the question. --jsonl prints them as labelled cases instead, the format PRECEDENTS and
pnpm eval read. --remove forgets a precedent; a running bot stops using it within
PRECEDENTS_RECHECK_SECONDS (30 s unless set).
Environment: DATA_DIR (as the bot has it).`;

const cli = command('precedents', USAGE);
const args = cli.args({ options: { client: { type: 'string' }, jsonl: { type: 'boolean' }, remove: { type: 'string', multiple: true } } }).values;
const ids = (args.remove ?? []).map((raw) => {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 ? id : cli.fail(EXIT_USAGE, `--remove "${raw}" is not a precedent id (a whole number, as listed)`);
});
if (ids.length && (args.client || args.jsonl)) cli.fail(EXIT_USAGE, '--remove cannot be combined with --client or --jsonl');
const config = cli.config(loadStoreConfig);
// Precedents live in the bot's store: a store made here would hold none.
const dataDir = resolve(config.dataDir);
if (!existsSync(join(dataDir, STORE_FILE))) cli.fail(EXIT_CONFIG, `DATA_DIR ${dataDir} holds no bot store (${STORE_FILE}): point it where the bot keeps its data`);
const store = createPrecedentStore(openDb(dataDir));

if (ids.length) {
  const known = new Set(store.entries().map((e) => e.id));
  const unknown = ids.filter((id) => !known.has(id));
  // All or nothing: a typo among several ids should not leave the others half done.
  if (unknown.length) cli.fail(EXIT_USAGE, `no learned precedent with id ${unknown.join(', ')}`);
  for (const id of ids) store.remove(id);
  process.stdout.write(`removed ${ids.length} precedent${ids.length > 1 ? 's' : ''}; a running bot forgets ${ids.length > 1 ? 'them' : 'it'} within PRECEDENTS_RECHECK_SECONDS\n`);
} else {
  const shown = store.entries().filter((e) => !args.client || e.case.client_uid === args.client);
  process.stdout.write(args.jsonl ? shown.map((e) => `${JSON.stringify(e.case)}\n`).join('') : render(shown));
}

function render(entries: LearnedPrecedent[]): string {
  if (!entries.length) return 'no learned precedents\n';
  return entries
    .map((e) => {
      const outcome = 'answer' in e.case.expect ? e.case.expect.answer : 'escalate';
      const day = new Date(e.createdAt).toISOString().slice(0, 10);
      return `${e.id}\t${day}\t${e.case.client_uid}\t${e.case.lang ?? '-'}\t${outcome}\t${e.case.text.replace(/\s+/g, ' ')}\n`;
    })
    .join('');
}
