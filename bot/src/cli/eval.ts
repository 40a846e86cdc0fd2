import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { assess } from '../assess.ts';
import { loadComposerConfig } from '../config.ts';
import { createComposer } from '../knowledge/composer.ts';
import { withComposer } from '../knowledge/second-look.ts';
import { createSopIndex } from '../knowledge/sop-index.ts';
import { createDirectory } from '../sbf/directory.ts';
import { openVaultStore } from '../sbf/vault-store.ts';
import { assessInputFor, evalCaseSchema } from './eval-case.ts';
import { command, EXIT_USAGE } from './command.ts';
import { scoreCases, type CaseResult } from './eval-score.ts';

const USAGE = `usage: pnpm --filter @sbf-chatwoot/bot eval <vault-dir> <cases.jsonl>

Runs the answer-or-escalate pipeline on labelled cases: one JSON line per case, then a summary line
(answer precision, escalation recall, deflection). With LLM_BASE_URL and LLM_MODEL set, the answer
composer takes part as it does for live messages.`;

const cli = command('eval', USAGE);
function fail(message: string): never {
  return cli.fail(EXIT_USAGE, message);
}
const [vaultArg, casesArg] = cli.args({ allowPositionals: true }).positionals;
if (!vaultArg || !casesArg) fail('expected two arguments');
let lines: string[];
try {
  lines = readFileSync(resolve(casesArg), 'utf8').split('\n').filter((l) => l.trim());
} catch (err) {
  fail(`cannot read ${casesArg}: ${(err as Error).message}`);
}
const cases = lines.map((line, i) => {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    fail(`${casesArg}:${i + 1}: not valid JSON`);
  }
  const parsed = evalCaseSchema.safeParse(json);
  if (!parsed.success) fail(`${casesArg}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
  return parsed.data;
});

const log = pino({ level: 'warn' }, process.stderr);
const store = openVaultStore(resolve(vaultArg), log);
const directory = await createDirectory(store, log);
const sops = await createSopIndex(store);
if (!sops.size()) fail(`no customer-facing SOPs in ${vaultArg}`);

// With LLM_BASE_URL and LLM_MODEL set, cases go through the same answer composer as live messages.
const composerConfig = cli.config(loadComposerConfig);
const composer = composerConfig && createComposer(composerConfig);

const results: CaseResult[] = [];
for (const c of cases) {
  const input = assessInputFor(c, directory);
  const a = await withComposer(composer, c.text, assess(sops, input), input.policy);
  const got = a.kind === 'answer' ? { answer: a.sop.uid } : { escalate: true as const, trigger: a.trigger };
  const result = { text: c.text, client_uid: c.client_uid, expect: c.expect, why: c.why, got, confidence: a.confidence, reason: a.reason };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  results.push(result);
}
process.stdout.write(`${JSON.stringify({ summary: { ...scoreCases(results), composer: composerConfig?.model ?? false } })}\n`);
