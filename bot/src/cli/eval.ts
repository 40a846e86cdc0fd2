import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino } from 'pino';
import type { z } from 'zod';
import { assess } from '../assess.ts';
import { JsonlError, readJsonl } from '../jsonl.ts';
import { loadComposerConfig } from '../config.ts';
import { choiceMessage, TO_PERSON } from '../knowledge/choice-message.ts';
import { createComposer } from '../knowledge/composer.ts';
import { withComposer } from '../knowledge/second-look.ts';
import { createPrecedents, labelledCaseSchema, loadCases, precedentFiles } from '../knowledge/precedents.ts';
import { createSopIndex } from '../knowledge/sop-index.ts';
import { createDirectory } from '../sbf/directory.ts';
import { openVaultStore } from '../sbf/vault-store.ts';
import { assessInputFor, clickSchema } from './eval-case.ts';
import { command, EXIT_USAGE } from './command.ts';
import { scoreCases, sweepThresholds, type CaseResult, type ThresholdCase } from './eval-score.ts';

const USAGE = `usage: pnpm --filter @sbf-chatwoot/bot eval [--sweep] [--no-choice] [--clicks <clicks.jsonl>]… [--precedents <cases.jsonl>]… <vault-dir> <cases.jsonl>…

Runs the answer-or-escalate pipeline on labelled cases: one JSON line per case, then a summary line
(answer precision, escalation recall, deflection; with choices, how often the customer was asked to
choose between close SOPs and deflection when they pick their own topic). Each case is the first message
of a web-widget conversation. Given several case files, each is decided as if alone and gets its own
summary line (with "file"); the last line then pools them all. With LLM_BASE_URL and LLM_MODEL set, the answer composer takes part as it
does for live messages.
  --no-choice  as on a channel without buttons (e-mail, most messaging apps): no choice is offered
  --clicks F   what customers clicked when offered a choice, one JSON line per case:
               {"client_uid": ..., "text": ..., "click": "<button title>"}; the click's outcome (an answer
               from that SOP, or the team) then counts in precision, recall and deflection (repeatable)
  --precedents F  labelled past questions (the cases format; a file, or a directory of *.jsonl; repeatable),
               as PRECEDENTS gives them to the bot: a case much like one decides as it did (ADR 016);
               each <cases.jsonl> is left out of its own precedents
  --sweep      then one line per client (and one for all): the same scores at each confidence threshold
               from 0.50 to 0.90, to choose the client's bot.confidence_threshold (implies --no-choice;
               refused with a composer)`;

const cli = command('eval', USAGE);
function fail(message: string): never {
  return cli.fail(EXIT_USAGE, message);
}
const { values: flags, positionals } = cli.args({ allowPositionals: true, options: { sweep: { type: 'boolean' }, 'no-choice': { type: 'boolean' }, clicks: { type: 'string', multiple: true }, precedents: { type: 'string', multiple: true } } });
// A sweep moves the threshold alone; choices would change what lies under it.
const canOfferChoice = !flags.sweep && !flags['no-choice'];
const [vaultArg, ...caseFiles] = positionals;
if (!vaultArg || !caseFiles.length) fail('expected a vault directory and at least one cases file');
/** A read of JSON-lines files; a bad file or line ends the command, naming it. */
function orFail<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof JsonlError) fail(err.message);
    throw err;
  }
}

const casesOf = new Map(caseFiles.map((f) => [f, orFail(() => readJsonl(f, labelledCaseSchema))]));
if (flags.clicks && !canOfferChoice) fail('--clicks needs choices: leave out --no-choice and --sweep');
const clickKey = (client: string, text: string) => `${client}\n${text}`;
const clicks = flags.clicks
  ? new Map(flags.clicks.flatMap((f) => orFail(() => readJsonl(f, clickSchema))).map((c) => [clickKey(c.client_uid, c.text), c.click]))
  : undefined;

// A case is never its own precedent, nor is any case of the file under test: its writer's habits
// would make it look more alike than a new customer's question.
const bank = precedentFiles(flags.precedents ?? []);
/** A file's own path, links followed, so a bank of symlinks still leaves the file under test out. */
const realPath = (f: string) => {
  try {
    return realpathSync(f);
  } catch {
    return resolve(f);
  }
};
const precedentsFor = (casesFile: string) => {
  const pastFiles = bank.filter((f) => realPath(f) !== realPath(casesFile));
  return pastFiles.length ? createPrecedents(orFail(() => loadCases(pastFiles))) : undefined;
};

const log = pino({ level: 'warn' }, process.stderr);
const store = openVaultStore(resolve(vaultArg), log);
const directory = await createDirectory(store, log);
const sops = await createSopIndex(store);
if (!sops.size()) fail(`no customer-facing SOPs in ${vaultArg}`);

// With LLM_BASE_URL and LLM_MODEL set, cases go through the same answer composer as live messages.
const composerConfig = cli.config(loadComposerConfig);
const composer = composerConfig && createComposer(composerConfig);
// The model's second look is no threshold: a sweep would misreport it.
if (flags.sweep && composer) fail('--sweep measures the confidence threshold alone: unset LLM_BASE_URL and LLM_MODEL');

const summaryOf = (rs: ThresholdCase[]) => ({ ...scoreCases(rs), clicks: Boolean(clicks), composer: composerConfig?.model ?? false });
/** Cases offered a choice that the clicks file has no (or no matching) click for. */
const unclicked: string[] = [];
const thresholdNow = new Map<string, number>();

async function decideCase(c: z.infer<typeof labelledCaseSchema>, precedents: ReturnType<typeof precedentsFor>) {
  const input = assessInputFor(c, directory, canOfferChoice);
  thresholdNow.set(c.client_uid, input.policy.threshold);
  const assessed = assess(sops, input, precedents);
  const a = await withComposer(composer, c.text, assessed, input.policy);
  let got: CaseResult['got'];
  let choice: { offered: string[]; buttons: string[]; clicked?: string } | undefined;
  if (a.kind === 'clarify') {
    const { items } = choiceMessage(assessed.language, a.options);
    choice = { offered: a.options.map((s) => s.uid), buttons: items.map((i) => i.title) };
    const clicked = clicks?.get(clickKey(c.client_uid, c.text));
    const item = items.find((i) => i.title === clicked);
    if (clicks && !item) unclicked.push(c.text);
    if (item) choice.clicked = item.title;
    got = !item ? { clarify: choice.offered } : item.value === TO_PERSON ? { escalate: true, trigger: 'chose_person' } : { answer: item.value };
  } else got = a.kind === 'answer' ? { answer: a.sop.uid } : { escalate: true, trigger: a.trigger };
  const result = { text: c.text, client_uid: c.client_uid, expect: c.expect, why: c.why, got, ...choice, confidence: a.confidence, reason: a.reason };
  const byConfidence = assessed.kind !== 'escalate' || assessed.trigger === 'low_confidence';
  return { result, candidate: byConfidence ? assessed.hits[0]?.sop.uid : undefined };
}

const results: Array<ThresholdCase & { client_uid: string }> = [];
const several = caseFiles.length > 1;
for (const [file, cases] of casesOf) {
  const precedents = precedentsFor(file);
  const fromFile = results.length;
  for (const c of cases) {
    const { result, candidate } = await decideCase(c, precedents);
    process.stdout.write(`${JSON.stringify(several ? { ...result, file } : result)}\n`);
    results.push({ ...result, candidate });
  }
  if (several) process.stdout.write(`${JSON.stringify({ summary: summaryOf(results.slice(fromFile)), file })}\n`);
}
// With several files, the last line pools them: the figure for a bank of held-out sets.
process.stdout.write(`${JSON.stringify({ summary: summaryOf(results), ...(several ? { files: caseFiles.length } : {}) })}\n`);
if (unclicked.length) {
  fail(`${flags.clicks!.join(', ')} has no click among the buttons offered for ${unclicked.length} case(s), e.g. ${JSON.stringify(unclicked[0])}`);
}

if (flags.sweep) {
  const thresholds = Array.from({ length: 21 }, (_, i) => Math.round((0.5 + i * 0.02) * 100) / 100);
  const clients = [...new Set(results.map((r) => r.client_uid))];
  for (const client of [...clients, 'all']) {
    const mine = client === 'all' ? results : results.filter((r) => r.client_uid === client);
    const sweep = { client_uid: client, threshold_now: thresholdNow.get(client) ?? null, by_threshold: sweepThresholds(mine, thresholds) };
    process.stdout.write(`${JSON.stringify({ sweep })}\n`);
  }
}
