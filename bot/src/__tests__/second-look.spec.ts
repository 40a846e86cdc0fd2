import { vaSopSchema } from '@sbf-chatwoot/shared';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Assessment } from '../assess.ts';
import { CANNED_SOURCE } from '../knowledge/canned-responses.ts';
import { createComposer } from '../knowledge/composer.ts';
import { withComposer } from '../knowledge/second-look.ts';
import type { SopHit } from '../knowledge/sop-index.ts';
import { defaultPolicy } from '../triage.ts';
import { fakeLlm } from './fake-llm.ts';

const sop = (uid: string, title: string, extra: Record<string, unknown> = {}) =>
  vaSopSchema.parse({ uid, type: 'va.sop', title, status: 'published', content: `## Answer\n${title}: the facts.\n\n## Internal\nVA-ONLY`, ...extra });
const pause = sop('va-sop-bloom-pause-001', 'Pause a subscription');
const skip = sop('va-sop-bloom-skip-001', 'Skip one delivery');
const canned = sop('canned-2-9', 'skip', { source: CANNED_SOURCE });
const hit = (s: typeof pause, score: number): SopHit => ({ sop: s, score, coverage: 0.5, idfCoverage: 0.5, matched: ['x'], internalOnly: [] });
const hits = [hit(pause, 20), hit(skip, 18)];

const lowConfidence = (confidence: number): Assessment => ({
  kind: 'escalate',
  trigger: 'low_confidence',
  confidence,
  reason: `best SOP "Pause a subscription" scored ${confidence} < threshold 0.72`,
  language: 'en',
  hits,
});
const confident: Assessment = { kind: 'answer', sop: pause, confidence: 0.9, reason: 'matched', language: 'en', hits };
const question = "I'm away two weeks in July, can I skip those deliveries?";

let server: Server | undefined;
afterEach(() => server?.close());

async function composerAnswering(reply: string | number) {
  const fake = await fakeLlm(() => reply);
  server = fake.server;
  return { composer: createComposer({ baseUrl: fake.url, model: 'm', timeoutMs: 2000 }), requests: fake.requests };
}

describe('the composer second look', () => {
  it('when no composer is configured, then the assessment stands', async () => {
    expect(await withComposer(undefined, question, lowConfidence(0.6), defaultPolicy)).toEqual(lowConfidence(0.6));
  });

  it('when a borderline question is answered from the second excerpt, then the bot answers citing that SOP', async () => {
    const { composer, requests } = await composerAnswering('[2] Yes: skip each delivery in your account by noon the day before.');
    const out = await withComposer(composer, question, lowConfidence(0.6), defaultPolicy);
    expect(out).toMatchObject({ kind: 'answer', sop: { uid: skip.uid }, text: 'Yes: skip each delivery in your account by noon the day before.' });
    expect(out.reason).toMatch(/below 0.72.*composer answered/);
    const sent = JSON.stringify(requests[0]!.body);
    expect(sent).toContain('Skip one delivery: the facts.');
    expect(sent).not.toContain('VA-ONLY');
  });

  // Runner-ups the model must never see: their own notes keep the case from them (ADR 009, 011, 012).
  const routedSkip = sop('va-sop-bloom-skip-002', 'Skip one delivery', { steps: ['If they are away more than 8 weeks, create a task for carmen'] });
  const limitedSkip = sop('va-sop-bloom-skip-003', 'Skip one delivery', {
    content: '## Answer\nSkip one delivery.\n\n## Internal\nLonger breaks (over 8 weeks) only by carmen.',
  });
  it.each<[string, SopHit, string]>([
    ["steps hand the case to a person", hit(routedSkip, 18), "I'm away 10 weeks this summer, can I skip the deliveries?"],
    ['limit is below the amount the customer asks about', hit(limitedSkip, 18), 'We travel for 3 months, can the deliveries stop meanwhile?'],
    ['internal note withholds a word of the question', { ...hit(skip, 18), internalOnly: ['nonprofit'] }, 'do nonprofits get a discount on skipped deliveries?'],
  ])("when a runner-up SOP's %s, then the model never sees that SOP", async (_why, runnerUp, question) => {
    const { composer, requests } = await composerAnswering('[1] Yes: pause it in your account.');
    await withComposer(composer, question, { ...lowConfidence(0.6), hits: [hit(pause, 20), runnerUp] }, defaultPolicy);
    const sent = JSON.stringify(requests[0]!.body);
    expect(sent).toContain('Pause a subscription: the facts.');
    expect(sent).not.toContain('Skip one delivery');
  });

  it('when the model declines a borderline question, then it escalates and says so', async () => {
    const { composer } = await composerAnswering('ESCALATE');
    const out = await withComposer(composer, question, lowConfidence(0.6), defaultPolicy);
    expect(out).toMatchObject({ kind: 'escalate', trigger: 'low_confidence' });
    expect(out.reason).toMatch(/could not answer from the top 2 SOPs/);
  });

  it('when the confidence is under the floor, or a rule fired, then the model is not asked', async () => {
    const { composer, requests } = await composerAnswering('[1] anything');
    expect(await withComposer(composer, question, lowConfidence(0.3), defaultPolicy)).toMatchObject({ kind: 'escalate' });
    const refund: Assessment = { kind: 'escalate', trigger: 'refund', confidence: 0, reason: 'refund rule', language: 'en', hits };
    expect(await withComposer(composer, 'refund me', refund, defaultPolicy)).toMatchObject({ trigger: 'refund' });
    expect(requests).toHaveLength(0);
  });

  it('when the model is down, then a confident answer still goes out as the SOP text and a borderline one escalates', async () => {
    const { composer } = await composerAnswering(503);
    const out = await withComposer(composer, question, confident, defaultPolicy);
    expect(out).toMatchObject({ kind: 'answer', sop: { uid: pause.uid } });
    expect(out.kind === 'answer' && out.text).toBe(undefined);
    expect(await withComposer(composer, question, lowConfidence(0.6), defaultPolicy)).toMatchObject({ kind: 'escalate', trigger: 'low_confidence' });
  });

  describe('a question the customer would be asked to choose for', () => {
    const clarify: Assessment = { kind: 'clarify', options: [pause, skip], confidence: 0.6, reason: 'close SOPs', language: 'en', hits };

    it('when the model answers it from an excerpt, then the bot answers instead of asking', async () => {
      const { composer } = await composerAnswering('[2] Yes: skip each delivery by noon the day before.');
      expect(await withComposer(composer, question, clarify, defaultPolicy)).toMatchObject({ kind: 'answer', sop: { uid: skip.uid } });
    });

    it('when the model finds none of the SOPs answers it, then a person answers rather than offering them', async () => {
      const { composer } = await composerAnswering('ESCALATE');
      const out = await withComposer(composer, question, clarify, defaultPolicy);
      expect(out).toMatchObject({ kind: 'escalate', trigger: 'low_confidence', confidence: 0.6 });
      expect(out.reason).toMatch(/close SOPs; the answer composer could not answer from the top 2 SOPs/);
    });

    it('when the model is down, then the choice is still offered', async () => {
      const { composer } = await composerAnswering(503);
      expect(await withComposer(composer, question, clarify, defaultPolicy)).toMatchObject({ kind: 'clarify', options: [pause, skip] });
    });
  });

  it('when the model declines a confident answer, then a person answers', async () => {
    const { composer } = await composerAnswering('ESCALATE');
    expect(await withComposer(composer, question, confident, defaultPolicy)).toMatchObject({ kind: 'escalate', trigger: 'composer_declined' });
  });

  it('when the best match is a canned response, then it is never sent to the model', async () => {
    const { composer, requests } = await composerAnswering('[1] reworded');
    const cannedAnswer: Assessment = { ...confident, sop: canned, hits: [hit(canned, 30), ...hits] };
    expect(await withComposer(composer, question, cannedAnswer, defaultPolicy)).toMatchObject({ kind: 'answer', sop: { uid: canned.uid } });
    expect(requests).toHaveLength(0);
  });
});
