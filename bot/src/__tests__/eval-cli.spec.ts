import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(bot, 'src/cli/eval.ts'), ...args], { cwd: bot, encoding: 'utf8' });

// Every test spawns the CLI (tsx) one or more times: seconds each on a busy machine, so 5 s is too short.
describe('eval CLI', { timeout: 30_000 }, () => {
  it('when run on the shipped vault with two cases, then it prints a decision per case and a summary', () => {
    const cases = join(mkdtempSync(join(tmpdir(), 'eval-')), 'cases.jsonl');
    writeFileSync(
      cases,
      [
        { text: 'forgot my password and the reset email never came, what do I do', client_uid: 'va-client-acme-001', expect: { answer: 'va-sop-acme-reset-password-001' } },
        { text: 'I want to talk to a human right now', client_uid: 'va-client-acme-001', expect: { escalate: true } },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const out = run('eval/vault', cases);
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].got).toEqual({ answer: 'va-sop-acme-reset-password-001' });
    expect(lines[1].got).toMatchObject({ escalate: true, trigger: 'human_request' });
    expect(lines[2].summary).toMatchObject({ cases: 2, escalation_recall: 1 });
  });

  it('when no SOP is certain, then the case shows the choice offered, and the summary counts a choice holding the answer as deflected; --no-choice escalates it', () => {
    const cases = join(mkdtempSync(join(tmpdir(), 'eval-')), 'cases.jsonl');
    writeFileSync(
      cases,
      [
        { text: 'our company card expired, need to put a new one on the account', client_uid: 'va-client-acme-001', expect: { answer: 'va-sop-acme-payment-method-001' } },
        { text: 'one of our designers left the company, how do I take him off the account so we stop paying for his seat', client_uid: 'va-client-acme-001', expect: { answer: 'va-sop-acme-remove-member-001' } },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const withChoice = run('eval/vault', cases).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(withChoice[0].got.clarify).toContain('va-sop-acme-payment-method-001');
    expect(withChoice[1].got.clarify).not.toContain('va-sop-acme-remove-member-001');
    expect(withChoice[2].summary).toMatchObject({ answered: 0, deflection: 0, clarified: 2, choice_held_answer: 0.5, deflection_with_choice: 0.5 });

    const noChoice = run('--no-choice', 'eval/vault', cases).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(noChoice.slice(0, 2).map((l) => l.got.trigger)).toEqual(['low_confidence', 'low_confidence']);
    expect(noChoice[2].summary).toMatchObject({ clarified: 0, deflection_with_choice: 0 });
  });

  it('when a clicks file says what each customer clicked, then those clicks are answers or escalations in the scores, and a missing click is refused', { timeout: 30_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const card = { text: 'our company card expired, need to put a new one on the account', client_uid: 'va-client-acme-001', expect: { answer: 'va-sop-acme-payment-method-001' } };
    const leaver = { text: 'one of our designers left the company, how do I take him off the account so we stop paying for his seat', client_uid: 'va-client-acme-001', expect: { answer: 'va-sop-acme-remove-member-001' } };
    const cases = join(dir, 'cases.jsonl');
    writeFileSync(cases, [card, leaver].map((c) => JSON.stringify(c)).join('\n'));
    const clicksFile = (cardClick: string) => {
      const file = join(dir, `clicks-${cardClick.length}.jsonl`);
      const click = (c: typeof card, title: string) => JSON.stringify({ client_uid: c.client_uid, text: c.text, click: title });
      writeFileSync(file, [click(card, cardClick), click(leaver, 'Something else: talk to our team')].join('\n'));
      return file;
    };
    const scored = (file: string) => run('--clicks', file, 'eval/vault', cases).stdout.trim().split('\n').map((l) => JSON.parse(l));

    const right = scored(clicksFile('Update your credit card or payment method'));
    expect(right[0]).toMatchObject({ got: { answer: 'va-sop-acme-payment-method-001' }, clicked: 'Update your credit card or payment method' });
    expect(right[0].buttons.at(-1)).toBe('Something else: talk to our team');
    expect(right[1].got).toEqual({ escalate: true, trigger: 'chose_person' });
    expect(right[2].summary).toMatchObject({ answered: 1, answer_precision: 1, deflection: 0.5, clarified: 2, clicks: true });

    const wrong = scored(clicksFile('Why did my payment fail?'));
    expect(wrong[2].summary).toMatchObject({ answered: 1, answer_precision: 0, deflection: 0, deflection_with_choice: 0.5 });

    const partial = join(dir, 'partial.jsonl');
    writeFileSync(partial, JSON.stringify({ client_uid: card.client_uid, text: card.text, click: 'Update your credit card or payment method' }));
    const refused = run('--clicks', partial, 'eval/vault', cases);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('has no click among the buttons offered for 1 case(s)');
  });

  it('when its reader stops early (piped into head), then it ends quietly with status 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(bot, 'src/cli/eval.ts'), 'eval/vault', 'eval/dev.jsonl'], { cwd: bot });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  it('when run with --sweep, then each client gets a line of scores per threshold, and at its own threshold they are the summary', () => {
    const out = run('--sweep', 'eval/vault', 'eval/dev.jsonl');
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const summary = lines.find((l) => l.summary)!.summary;
    const sweeps = lines.filter((l) => l.sweep).map((l) => l.sweep);
    expect(sweeps.map((s) => s.client_uid)).toEqual(['va-client-acme-001', 'va-client-bloom-001', 'va-client-kora-001', 'va-client-lumen-001', 'all']);
    expect(sweeps[0].threshold_now).toBe(0.72);
    const all = sweeps.at(-1).by_threshold as Array<{ threshold: number; answered: number }>;
    // Every client of the shipped vault answers from 0.72, so the line for all of them at 0.72 is the summary.
    const { composer: _c, clicks: _k, ...scores } = summary;
    expect(all.find((r) => r.threshold === 0.72)).toEqual({ threshold: 0.72, ...scores });
    const answered = all.map((r) => r.answered);
    expect(answered).toEqual([...answered].sort((x, y) => y - x));
    expect(answered[0]).toBeGreaterThan(answered.at(-1)!);
  });

  it('when --sweep is asked with an answer composer configured, then it refuses, saying why', () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', join(bot, 'src/cli/eval.ts'), '--sweep', 'eval/vault', 'eval/dev.jsonl'], {
      cwd: bot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'm' },
    });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--sweep measures the confidence threshold alone');
  });

  it('when a case line is malformed, then it names the line and exits non-zero', () => {
    const cases = join(mkdtempSync(join(tmpdir(), 'eval-')), 'bad.jsonl');
    writeFileSync(cases, '{"text":"hi","client_uid":"x","expect":{}}\n');
    const out = run('eval/vault', cases);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('bad.jsonl:1');
  });

  it('when arguments are missing, then usage is printed and it exits non-zero', () => {
    const out = run();
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('usage:');
  });
  it('when given precedents, then a question much like one decides as it did, and the file under test is never its own precedent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const cases = join(dir, 'cases.jsonl');
    const past = join(dir, 'past.jsonl');
    const text = 'forgot my password and the reset email never came, what do I do';
    writeFileSync(cases, JSON.stringify({ text, client_uid: 'va-client-acme-001', expect: { answer: 'va-sop-acme-reset-password-001' } }));
    writeFileSync(past, JSON.stringify({ text: 'I forgot my password and the reset email never came', client_uid: 'va-client-acme-001', expect: { escalate: true }, why: 'unknown' }));
    const decided = (out: ReturnType<typeof run>) => JSON.parse(out.stdout.split('\n')[0]!);
    const withPast = run('--precedents', past, '--precedents', cases, 'eval/vault', cases);
    expect(withPast.status).toBe(0);
    expect(decided(withPast)).toMatchObject({ got: { escalate: true, trigger: 'precedent' }, reason: expect.stringContaining('(unknown)') });
    expect(decided(run('--precedents', cases, 'eval/vault', cases)).got).toEqual({ answer: 'va-sop-acme-reset-password-001' });
    // Reached through a link in a bank directory, the file under test is still left out: were it its own
    // precedent, its label (a person) would decide it.
    const labelled = join(dir, 'labelled.jsonl');
    writeFileSync(labelled, JSON.stringify({ text, client_uid: 'va-client-acme-001', expect: { escalate: true }, why: 'unknown' }));
    const bank = join(dir, 'bank');
    mkdirSync(bank);
    symlinkSync(labelled, join(bank, 'linked.jsonl'));
    expect(decided(run('--precedents', bank, 'eval/vault', labelled)).got).toEqual({ answer: 'va-sop-acme-reset-password-001' });
    writeFileSync(past, '{"text": "no label"}');
    const bad = run('--precedents', past, 'eval/vault', cases);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/past\.jsonl:1: client_uid/);
    // Four runs of the command, each loading the vault: longer than the default 5 s on a busy runner.
  }, 25_000);

  it('when given several case files, then each is decided as if alone with its own summary, and the last line pools them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const one = join(dir, 'one.jsonl');
    const two = join(dir, 'two.jsonl');
    const text = 'forgot my password and the reset email never came, what do I do';
    // Each file holds the other's precedent: a run of both must still leave each file out of its own bank.
    writeFileSync(one, JSON.stringify({ text, client_uid: 'va-client-acme-001', expect: { answer: 'va-sop-acme-reset-password-001' } }));
    writeFileSync(
      two,
      [
        { text: 'I forgot my password and the reset email never came', client_uid: 'va-client-acme-001', expect: { escalate: true }, why: 'unknown' },
        { text: 'I want to talk to a human right now', client_uid: 'va-client-acme-001', expect: { escalate: true } },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const lines = (out: ReturnType<typeof run>) => out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const both = run('--no-choice', '--precedents', dir, 'eval/vault', one, two);
    expect(both.status).toBe(0);
    const got = lines(both);
    expect(got).toHaveLength(6);
    expect(got[0]).toMatchObject({ file: one, got: { escalate: true, trigger: 'precedent' } });
    expect(got[1]).toMatchObject({ file: one, summary: { cases: 1, answered: 0 } });
    expect(got[2]).toMatchObject({ file: two, got: { answer: 'va-sop-acme-reset-password-001' } });
    expect(got[3].file).toBe(two);
    expect(got[4]).toMatchObject({ file: two, summary: { cases: 2, answered: 1, answer_precision: 0, escalation_recall: 0.5 } });
    expect(got[5]).toEqual({ files: 2, summary: expect.objectContaining({ cases: 3, answered: 1, answer_precision: 0, escalation_recall: 0.5, deflection: 0 }) });
    // The same cases file by file: the same decisions, and per-file summaries without a "file" key.
    const alone = lines(run('--no-choice', '--precedents', dir, 'eval/vault', two));
    expect(alone.slice(0, 2).map((l) => l.got)).toEqual(got.slice(2, 4).map((l) => l.got));
    expect(alone[2]).toEqual({ summary: got[4].summary });
  }, 20_000);
});
