import { vaTaskSchema, type TaskStatus, type VaIdentity, type VaSop } from '@sbf-chatwoot/shared';
import { escalate } from '../escalation/escalate.ts';
import type { HandlerContext } from '../handlers/context.ts';
import { HttpError } from '../http/errors.ts';
import { isCanned } from '../knowledge/canned-responses.ts';
import { detectLanguage } from '../knowledge/language.ts';
import { fillVariables, messageVariables } from '../knowledge/message-variables.ts';
import { sopLanguage } from '../knowledge/sop-index.ts';
import { citedAnswer, customerText } from '../knowledge/sop-text.ts';
import { customerMessagesOf, languageHint, requireSetup, requireTask, type Scope } from './scope.ts';

/** Runs read-modify-write steps on one task one at a time (two VAs adding notes at once). */
export function createKeyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).catch(() => undefined).then(fn);
    tails.set(key, run);
    void run.finally(() => tails.get(key) === run && tails.delete(key)).catch(() => undefined);
    return run;
  };
}
export type KeyedLock = ReturnType<typeof createKeyedLock>;

/** SBF already changed; say so if Chatwoot then fails, so nobody repeats the SBF half. */
async function mirror(what: string, fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (err) {
    const status = err instanceof HttpError ? err.status : 502;
    throw new HttpError(status, `${what} is saved in SBF, but the private note in Chatwoot failed: ${(err as Error).message}`);
  }
}

function latestCustomerText(s: Scope): string | undefined {
  const content = customerMessagesOf(s).at(-1)?.content;
  return typeof content === 'string' && content.trim() ? content : undefined;
}

/** A VA asks for a task: the same escalation the bot runs, so nothing differs downstream. */
export async function escalateFromDashboard(ctx: HandlerContext, s: Scope, va: VaIdentity, note?: string): Promise<string> {
  const setup = requireSetup(s);
  if (s.task) throw new HttpError(409, `this conversation already has task ${s.task.uid}`);
  if (!s.conversation) throw new HttpError(503, 'Chatwoot did not let the bot read this conversation, so it cannot escalate it');
  const by = `${va.name} asked for a task from the Chatwoot dashboard`;
  const customer = latestCustomerText(s);
  return escalate(ctx, {
    accountId: s.accountId,
    conversation: s.conversation,
    setup,
    text: note || customer || by,
    trigger: 'dashboard',
    reason: note ? `${by}: ${note}` : by,
    // The handoff message, if the bot still owns the conversation, is for the customer.
    language: detectLanguage(customer ?? '', languageHint(s)),
  });
}

export async function setTaskStatus(ctx: HandlerContext, lock: KeyedLock, s: Scope, va: VaIdentity, status: TaskStatus) {
  const task = requireTask(s);
  if (task.status === status) return;
  const closing = (status === 'done' || status === 'cancelled') && !task.resolved_at;
  await lock(task.uid, () => ctx.sbf.update(task.uid, { status, ...(closing ? { resolved_at: ctx.now().toISOString() } : {}) }));
  await mirror('The status', () =>
    ctx.chatwoot.addPrivateNote(s.accountId, s.conversationId, `SBF task ${task.uid}: ${task.status} → ${status} (by ${va.name}).`),
  );
}

/** Appends the note to the task body in SBF, then mirrors it as a private note in Chatwoot. */
export async function addTaskNote(ctx: HandlerContext, lock: KeyedLock, s: Scope, va: VaIdentity, text: string) {
  const task = requireTask(s);
  await lock(task.uid, async () => {
    const fresh = vaTaskSchema.parse(await ctx.sbf.get(task.uid));
    const entry = `### Note by ${va.name} (Chatwoot agent ${va.agentId}), ${ctx.now().toISOString()}\n\n${text}`;
    await ctx.sbf.update(task.uid, { content: `${[fresh.content?.trimEnd(), entry].filter(Boolean).join('\n\n')}\n` });
  });
  await mirror('The note', () =>
    ctx.chatwoot.addPrivateNote(s.accountId, s.conversationId, `Note on SBF task ${task.uid} by ${va.name}:\n\n${text}`),
  );
}

/** A canned response, its {{variables}} filled from the conversation; never sent with braces in it. */
function cannedText(s: Scope, sop: VaSop): string {
  if (!s.conversation) throw new HttpError(503, 'Chatwoot did not let the bot read this conversation, so it cannot fill the canned response');
  const filled = fillVariables(customerText(sop), messageVariables(s.conversation));
  if (filled.ok) return filled.text;
  throw new HttpError(409, `canned response "${sop.title}" needs ${filled.missing.join(', ')}, which this conversation lacks`);
}

/** Sends a SOP's customer-facing answer as the bot, and records the first response on the task. */
export async function sendSopAnswer(ctx: HandlerContext, lock: KeyedLock, s: Scope, sopUid: string): Promise<number> {
  const setup = requireSetup(s);
  const sop = ctx.sops.get(sopUid);
  if (!sop || (sop.client_uid && sop.client_uid !== setup.support.client_uid)) {
    throw new HttpError(404, `no customer-facing SOP ${sopUid} for this client`);
  }
  // The SOP is cited in its own language: the VA picked it for this customer.
  const reply = isCanned(sop) ? cannedText(s, sop) : citedAnswer(sop, sopLanguage(sop));
  const message = await ctx.chatwoot.sendReply(s.accountId, s.conversationId, reply);
  // A VA judged this SOP to answer the customer's question: the next one much like it is the bot's.
  const asked = latestCustomerText(s);
  if (asked) {
    ctx.learned?.record({ text: asked, client_uid: setup.support.client_uid, lang: detectLanguage(asked, languageHint(s)), expect: { answer: sop.uid } }, 'dashboard');
  }
  const task = s.task;
  if (task) {
    await lock(task.uid, async () => {
      const fresh = vaTaskSchema.parse(await ctx.sbf.get(task.uid));
      await ctx.sbf.update(task.uid, {
        related_sop_uids: [...new Set([...(fresh.related_sop_uids ?? []), sop.uid])],
        ...(fresh.first_response_at ? {} : { first_response_at: ctx.now().toISOString() }),
      });
    });
  }
  return message.id;
}
