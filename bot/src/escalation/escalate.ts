import type { Conversation } from '@sbf-chatwoot/shared';
import type { HandlerContext } from '../handlers/context.ts';
import type { ClientSetup } from '../sbf/directory.ts';
import type { Language } from '../knowledge/language.ts';
import { alreadyPosted } from '../chatwoot/already-posted.ts';
import { chooseVa } from './choose-va.ts';
import { vaLoad } from './va-load.ts';
import { handoffMessage } from './handoff-message.ts';
import { findOrCreateTask } from './find-or-create-task.ts';

export interface EscalationInput {
  accountId: number;
  conversation: Conversation;
  setup: ClientSetup;
  text: string;
  trigger: string;
  reason: string;
  language: Language;
  /** From a SOP step: the VA it names for this case, and whether the task is urgent. */
  route?: { va?: string; urgent: boolean };
}

const firstName = (handle: string) => handle.charAt(0).toUpperCase() + handle.slice(1).split(/[-_.\s]/)[0];

/**
 * Task in SBF, VA assigned, customer told, VAs briefed, link stored, status → open.
 * Every step is recorded once done, so a retry resumes instead of repeating.
 */
export async function escalate(ctx: HandlerContext, input: EscalationInput): Promise<string> {
  const { accountId, conversation, setup } = input;
  const c = conversation.id;
  const steps = ctx.conversations;
  ctx.conversations.ensure(accountId, c, setup.support.client_uid);

  // Re-read before speaking: if a human already took the conversation, the bot stays quiet.
  const current = await ctx.chatwoot.getConversation(accountId, c);
  const stillOurs = !current || current.status === 'pending';
  if (current?.status === 'pending' && steps.isDone(accountId, c, 'handoff')) steps.resetSteps(accountId, c);

  const presence = await ctx.presence?.forAccount(accountId);
  const va = chooseVa(setup.support, { ...(await vaLoad(ctx.sbf, setup.support)), presence, named: input.route?.va });
  const task = await findOrCreateTask(ctx, { ...input, assignedTo: va.handle });
  steps.linkTask(accountId, c, task.uid, input.reason);
  ctx.tracking.vaChosen(accountId, c, va.handle);
  ctx.log.info({ task: task.uid, va: va.handle, trigger: input.trigger }, 'escalating');

  // Team first: Chatwoot drops an assignee who is not in a newly set team, so the VA comes second.
  const teamId = va.teamId ?? setup.support.chatwoot_team_id;
  // A person who already took the conversation keeps it: no reassignment over their head.
  await steps.once(accountId, c, 'assign_team', async () => {
    if (stillOurs && teamId !== undefined) await ctx.chatwoot.assign(accountId, c, { team_id: teamId });
  });
  await steps.once(accountId, c, 'assign', async () => {
    if (stillOurs && va.agentId !== undefined) await ctx.chatwoot.assign(accountId, c, { assignee_id: va.agentId });
  });

  await steps.once(accountId, c, 'handoff_message', async () => {
    if (!stillOurs) return;
    const text = handoffMessage(input.language, va.handle ? firstName(va.handle) : undefined);
    if (alreadyPosted(await ctx.chatwoot.getConversation(accountId, c), text, false)) return;
    await ctx.chatwoot.sendReply(accountId, c, text);
  });

  await steps.once(accountId, c, 'private_note', async () => {
    const note = [
      `Escalated to SBF task ${task.uid}: ${ctx.links.taskUrl(task.uid)}`,
      `Why: ${input.reason}.`,
      `VA: ${va.why}.`,
      `Priority: ${task.priority}.`,
    ].join('\n');
    if (alreadyPosted(await ctx.chatwoot.getConversation(accountId, c), note, true)) return;
    await ctx.chatwoot.addPrivateNote(accountId, c, note);
  });

  await steps.once(accountId, c, 'link_attribute', async () => {
    // Chatwoot replaces the whole object: merge onto the freshest copy we have.
    const base = current?.custom_attributes ?? conversation.custom_attributes;
    await ctx.chatwoot.setCustomAttributes(accountId, c, { ...base, sbf_task_uid: task.uid });
  });

  await steps.once(accountId, c, 'handoff', async () => {
    if (stillOurs) await ctx.chatwoot.handoff(accountId, c);
  });
  return task.uid;
}
