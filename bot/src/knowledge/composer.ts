import type { VaSop } from '@sbf-chatwoot/shared';
import { customerText } from './sop-text.ts';

export interface ComposerOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

/** `source`: index (0-based) of the excerpt the model says it answered from, when it names one. */
export type Composed = { kind: 'answer'; text: string; source?: number } | { kind: 'cannot_answer' };

/** The model says this when the SOPs do not answer the question. */
const DECLINE = 'ESCALATE';

const systemPrompt = (language: string) =>
  [
    'You are a customer support assistant. Answer the customer using ONLY the SOP excerpts given.',
    'Do not add facts, prices, links or promises that are not in the excerpts.',
    `If the excerpts do not fully answer the question, reply with exactly ${DECLINE} and nothing else.`,
    'Otherwise begin your reply with the number of the excerpt you answered from in square brackets, e.g. [2].',
    `Write in the customer's language (ISO code: ${language}), in at most 5 short sentences.`,
  ].join(' ');

/**
 * Optional answer composer over any OpenAI-compatible `/chat/completions` endpoint, grounded in
 * the retrieved SOPs' customer-facing text only (internal sections are never sent).
 */
export function createComposer(opts: ComposerOptions) {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    async compose(question: string, sops: VaSop[], language: string): Promise<Composed> {
      const excerpts = sops.map((s, i) => `[${i + 1}] ${s.title}\n${customerText(s)}`).join('\n\n');
      const res = await fetch(url, {
        method: 'POST',
        signal: AbortSignal.timeout(opts.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          ...(opts.apiKey ? { Authorization: `Bearer ${opts.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: opts.model,
          temperature: 0,
          messages: [
            { role: 'system', content: systemPrompt(language) },
            { role: 'user', content: `SOP excerpts:\n\n${excerpts}\n\nCustomer question:\n${question}` },
          ],
        }),
      });
      if (!res.ok) throw new Error(`composer endpoint answered ${res.status}`);
      const body = (await res.json()) as { choices?: Array<{ message?: { content?: string } }> };
      const text = body.choices?.[0]?.message?.content?.trim() ?? '';
      if (!text || text.toUpperCase().startsWith(DECLINE)) return { kind: 'cannot_answer' };
      const tag = /^\[(\d+)\]\s*/.exec(text);
      const source = tag ? Number(tag[1]) - 1 : undefined;
      const answer = tag ? text.slice(tag[0].length) : text;
      if (!answer) return { kind: 'cannot_answer' };
      return source !== undefined && source >= 0 && source < sops.length ? { kind: 'answer', text: answer, source } : { kind: 'answer', text: answer };
    },
  };
}
export type Composer = ReturnType<typeof createComposer>;
