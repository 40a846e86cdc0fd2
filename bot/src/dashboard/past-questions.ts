import type { PastQuestionList } from '@sbf-chatwoot/shared';
import type { HandlerContext } from '../handlers/context.ts';
import { detectLanguage } from '../knowledge/language.ts';
import { precedentKey } from '../store/precedents.ts';

/** As many as the bot's vote reads (ADR 016), so the VA sees what it saw. */
const COUNT = 5;

/**
 * The client's past questions most like `question`, with what became of them and, for those a VA
 * settled from this app, the id to forget one by.
 */
export function pastQuestions(
  ctx: Pick<HandlerContext, 'precedents' | 'learned' | 'sops'>,
  clientUid: string,
  question: string | null,
  languageHint?: string,
): PastQuestionList {
  if (!question || !ctx.precedents) return { question, items: [] };
  const learned = ctx.learned?.byKey() ?? new Map();
  const alike = ctx.precedents.alike(clientUid, question, detectLanguage(question, languageHint), COUNT);
  return {
    question,
    items: alike.map((p) => {
      const entry = learned.get(precedentKey({ client_uid: clientUid, text: p.text, expect: p.outcome }));
      const uid = 'answer' in p.outcome ? p.outcome.answer : undefined;
      return {
        text: p.text,
        similarity: Math.round(p.similarity * 100) / 100,
        answeredBy: uid ? { uid, title: ctx.sops.get(uid)?.title ?? uid } : null,
        why: p.why ?? null,
        learned: entry ? { id: entry.id, at: new Date(entry.createdAt).toISOString() } : null,
      };
    }),
  };
}
