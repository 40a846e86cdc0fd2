import { forgetPastQuestionResponseSchema, pastQuestionListSchema } from '@sbf-chatwoot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './world.ts';

const ACME = 'va-client-acme-001';
const RESET = 'va-sop-acme-password-reset-001';
const C = '/api/dashboard/accounts/1/conversations';
const FORGET = (id: number | string) => `/api/dashboard/accounts/1/past-questions/${id}/forget`;
// From the agency's PRECEDENTS files: shown, but not the VAs' to forget.
const FROM_FILE = { text: 'the password reset email never arrives', client_uid: ACME, expect: { escalate: true as const }, why: 'unknown' };

describe('dashboard past questions', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ precedents: [FROM_FILE] });
  });
  afterAll(() => w.close());

  const pastQuestions = async (texts: string[]) => {
    const res = await w.call('POST', `${C}/27/past-questions`, { body: { texts } });
    expect(res.status).toBe(200);
    return pastQuestionListSchema.parse(res.json);
  };
  const learnedId = async () => (await pastQuestions(["can't log in, please reset my password"])).items.find((i) => i.learned)?.learned?.id;

  it('when a VA has answered a question with a SOP, then a question like it lists it as learned, with the SOP and an id; file precedents are listed unlearned', async () => {
    expect((await pastQuestions(["can't log in, please reset my password"])).items.map((i) => i.learned)).toEqual([null]);
    // Conversation 27's customer asked "Hi, I can't log in. Can you reset my password?"
    expect((await w.call('POST', `${C}/27/replies`, { user: 'tok-sam', body: { agentId: 7, sopUid: RESET } })).status).toBe(200);

    const list = await pastQuestions(["can't log in, please reset my password"]);
    expect(list.question).toBe("can't log in, please reset my password");
    const [learned, fromFile] = list.items;
    expect(learned).toMatchObject({ text: "Hi, I can't log in. Can you reset my password?", answeredBy: { uid: RESET, title: 'Reset your password' }, why: null });
    expect(learned!.learned).toEqual({ id: expect.any(Number), at: '2026-07-20T10:10:00.000Z' });
    expect(learned!.similarity).toBeGreaterThan(fromFile!.similarity);
    expect(fromFile).toMatchObject({ text: FROM_FILE.text, answeredBy: null, why: 'unknown', learned: null });
  });

  it("when the app sends no text, then the question is Chatwoot's latest customer message", async () => {
    const list = await pastQuestions([]);
    expect(list.question).toBe("Hi, I can't log in. Can you reset my password?");
    expect(list.items[0]).toMatchObject({ similarity: 1, learned: { id: expect.any(Number) } });
  });

  it('when forgetting lacks a user token, names a bad id, or an id no one learned, then it is 401, 400 or 404 and nothing is forgotten', async () => {
    const id = (await learnedId())!;
    expect((await w.call('POST', FORGET(id), { body: { agentId: 7 } })).status).toBe(401);
    expect((await w.call('POST', FORGET('abc'), { user: 'tok-sam', body: { agentId: 7 } })).status).toBe(400);
    expect((await w.call('POST', FORGET(id), { user: 'tok-sam', body: {} })).status).toBe(400);
    const unknown = await w.call('POST', FORGET(id + 1000), { user: 'tok-sam', body: { agentId: 7 } });
    expect(unknown).toMatchObject({ status: 404, json: { error: `no learned past question ${id + 1000} in this account` } });
    expect(await learnedId()).toBe(id);
  });

  it("when an account-1 VA names another account's learned precedent, then it is 404 and it stays", async () => {
    w.ctx.learned.record({ text: 'where is my globex order', client_uid: 'va-client-globex-001', expect: { answer: 'va-sop-globex-orders-001' } }, 'dashboard');
    const globex = [...w.ctx.learned.byKey().values()].find((e) => e.case.client_uid === 'va-client-globex-001')!;
    expect((await w.call('POST', FORGET(globex.id), { user: 'tok-sam', body: { agentId: 7 } })).status).toBe(404);
    expect(w.ctx.learned.get(globex.id)).toBeDefined();
  });

  it('when Sam forgets a learned precedent, then the store, the list and the bot forget it at once', async () => {
    const id = (await learnedId())!;
    const res = await w.call('POST', FORGET(id), { user: 'tok-sam', body: { agentId: 7 } });
    expect(res.status).toBe(200);
    expect(forgetPastQuestionResponseSchema.parse(res.json)).toEqual({ forgotten: id });
    expect(w.ctx.learned.get(id)).toBeUndefined();
    expect((await pastQuestions(["can't log in, please reset my password"])).items.map((i) => i.text)).toEqual([FROM_FILE.text]);
    expect(w.ctx.precedents.alike(ACME, "Hi, I can't log in. Can you reset my password?", 'en', 5).map((p) => p.text)).toEqual([FROM_FILE.text]);
    expect(w.lines.some((l) => l.includes('a VA forgot a learned precedent') && l.includes(`"precedent":${id}`))).toBe(true);
    expect((await w.call('POST', FORGET(id), { user: 'tok-sam', body: { agentId: 7 } })).status).toBe(404);
  });
});
