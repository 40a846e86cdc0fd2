import type { RecordedCall, SimConversation, Simulator } from '../src/simulator/index.ts';
import type { Ledger, SentMessage } from './customers.ts';
import type { JobLine } from './job-log.ts';
import { CLICKS, QUESTIONS } from './plan.ts';

export interface Violation {
  invariant: string;
  conversation?: number;
  detail: string;
}

export interface CheckInput {
  sim: Simulator;
  ledger: Ledger;
  tasks: number[];
  jobs: Record<string, number>;
  drained: boolean;
  killedAt: number[];
  jobLog: JobLine[];
}

const SOURCE = 'Source: ';

function newCounts() {
  return {
    conversations: 0,
    messages: 0,
    refused: 0,
    acknowledged: 0,
    answeredOnce: 0,
    partOfEscalation: 0,
    answerableEscalated: 0,
    handedToHumansFirst: 0,
    sentToHumans: 0,
    escalated: 0,
    duplicatesSent: 0,
    duplicatesRecognised: 0,
    /** Re-sent while the bot was restarting: refused, so Chatwoot would have failed it open. */
    duplicatesRefused: 0,
    atLeastOnce: 0,
    repliesRacingFailOpen: 0,
    /** Clicks on the bot's choice buttons, and those refused while the bot was down. */
    clicks: 0,
    clicksRefused: 0,
    /** A choice offered whose customer had not clicked when the run ended. */
    choiceNotClicked: 0,
    webhooksAcknowledged: 0,
    jobIdsAcknowledged: 0,
  };
}
export type Counts = ReturnType<typeof newCounts>;

/** The bot's writes to one conversation that Chatwoot carried out (injected faults excluded). */
const botWrites = (calls: RecordedCall[], id: number, suffix: string) =>
  calls.filter(
    (c) => c.auth === 'bot' && c.method === 'POST' && !c.fault && c.status === 200 && c.path === `/api/v1/accounts/1/conversations/${id}${suffix}`,
  );

/**
 * The soak's invariants, from what Chatwoot (the simulator) and the vault ended up with.
 * A second copy of a bot write is tolerated only when the first one's response never reached
 * the bot (it timed out while Chatwoot did the work): the known at-least-once window.
 */
export function check(input: CheckInput) {
  const { sim, ledger } = input;
  const counts = newCounts();
  const violations: Violation[] = [];
  const atLeastOnce: Violation[] = [];
  const fail = (invariant: string, conversation: number | undefined, detail: string) =>
    violations.push({ invariant, conversation, detail });

  const byConversation = new Map<number, SentMessage[]>();
  for (const m of ledger.messages) byConversation.set(m.conversation, [...(byConversation.get(m.conversation) ?? []), m]);

  for (const [id, sent] of byConversation) {
    counts.conversations++;
    const conv: SimConversation = sim.conversation(1, id);
    const bot = conv.messages.filter((m) => m.sender_type === 'agent_bot');
    const publicBot = bot.filter((m) => !m.private);
    const answers = (sop: string) => publicBot.filter((m) => m.content?.includes(`${SOURCE}${sop}`));
    const choices = publicBot.filter((m) => m.content_type === 'input_select');
    const handoffMessages = publicBot.filter((m) => !m.content?.includes(SOURCE) && m.content_type !== 'input_select');
    const notes = bot.filter((m) => m.private);
    const at = (via: string) => conv.status_history.find((h) => h.via === via)?.at;
    const botHandoffAt = at('bot_handoff');
    const agentAt = at('agent');
    const failOpenAt = at('fail_open');
    const allMessages = botWrites(sim.calls, id, '/messages');
    const isChoice = (c: RecordedCall) => (c.body as { content_type?: string }).content_type === 'input_select';
    const messages = allMessages.filter((c) => !isChoice(c));
    const toggles = botWrites(sim.calls, id, '/toggle_status');
    /**
     * A second copy of a write is explained by what happened to the first: its response was lost
     * (the bot's timeout fired while Chatwoot did the work: accepted), or the bot was SIGKILLed
     * after Chatwoot did it but before the bot recorded the step (a violation, named as such).
     */
    const extraCopies = (what: string, copies: RecordedCall[]) => {
      for (let k = 1; k < copies.length; k++) {
        const [first, again] = [copies[k - 1]!, copies[k]!];
        const kill = input.killedAt.find((t) => t >= first.at && t <= again.at);
        const when = `call #${first.seq} at ${first.at}, again #${again.seq} at ${again.at}`;
        // The bot's error names the call that failed ("send reply: ECONNABORTED"). Under load the
        // simulator may read the request only after the bot gave up on it, hence the second of slack.
        const operation = first.path.endsWith('/toggle_status')
          ? 'hand off to humans'
          : (first.body as { private?: boolean }).private
            ? 'add private note'
            : 'send reply';
        const timedOut = input.jobLog.find(
          (l) =>
            l.conv === `3:${id}` &&
            l.time >= first.at - 1000 &&
            l.time <= again.at &&
            l.err?.startsWith(`${operation}:`) &&
            /ECONNABORTED|timeout/i.test(l.err),
        );
        // The simulator records a call when it reads it; a delayed original can be read after the
        // bot's retry, so the aborted copy may be either one of the pair.
        const aborted = first.clientAborted || again.clientAborted;
        if (aborted || timedOut) {
          const how = aborted ? 'during an injected delay' : `(bot log: "${timedOut!.err}")`;
          atLeastOnce.push({ invariant: what, conversation: id, detail: `the bot timed out ${how} on ${when} while Chatwoot did the write` });
          counts.atLeastOnce++;
        } else if (kill) {
          fail(what, id, `SIGKILL at ${kill} after Chatwoot did the write (${when}) and before the bot recorded the step`);
        } else fail(what, id, `sent twice, no lost response and no kill in between (${when})`);
      }
    };

    for (const m of sent) {
      counts.messages++;
      if (m.duplicate) {
        counts.duplicatesSent++;
        const same = m.duplicate.result?.status === 'duplicate' && m.duplicate.result.job === m.ack.result?.job;
        if (m.duplicate.status !== 200) counts.duplicatesRefused++;
        else if (same) counts.duplicatesRecognised++;
        else fail('duplicate delivery recognised', id, `${m.deliveryId}: first ${JSON.stringify(m.ack.result)}, again ${JSON.stringify(m.duplicate.result)}`);
      }
      if (m.ack.status !== 200) {
        counts.refused++;
        continue;
      }
      counts.acknowledged++;
      const sop = QUESTIONS[m.question].sop;
      const createdAt = conv.messages.find((x) => x.id === m.messageId)?.created_at ?? 0;
      if (m.statusBefore !== 'pending') {
        counts.sentToHumans++;
        const late = sop ? answers(sop).filter((a) => a.created_at > createdAt) : [];
        if (late.length) fail('no bot reply after a human took over', id, `message ${m.messageId} (${m.question}) sent while ${m.statusBefore} got a bot answer`);
        continue;
      }
      if (CLICKS[m.question] && !m.click && choices.length) {
        // The bot offered its choice; the run ended (or a person came) before this customer clicked.
        counts.choiceNotClicked++;
        continue;
      }
      if (sop) {
        const copies = answers(sop);
        if (copies.length === 1) counts.answeredOnce++;
        else if (copies.length > 1) extraCopies(`one answer per message (${m.question})`, messages.filter((c) => JSON.stringify(c.body).includes(`${SOURCE}${sop}`)));
        else if (botHandoffAt) counts.answerableEscalated++;
        else if (agentAt ?? failOpenAt) counts.handedToHumansFirst++;
        else fail('no customer message unanswered', id, `message ${m.messageId} (${m.question}) was acknowledged, the conversation is ${conv.status}, and no bot answer came`);
      } else if (botHandoffAt) counts.partOfEscalation++;
      else if (agentAt ?? failOpenAt) counts.handedToHumansFirst++;
      else fail('no customer message unanswered', id, `message ${m.messageId} (${m.question}) was acknowledged but the conversation was never handed off (status ${conv.status})`);
    }

    // One choice per vague message, and a click the bot acknowledged is acted on (an answer or an escalation).
    if (choices.length > 1) extraCopies('one choice per message', allMessages.filter(isChoice));
    for (const m of sent) {
      if (!m.click) continue;
      counts.clicks++;
      if (m.click.status !== 200) counts.clicksRefused++;
      else if (!(QUESTIONS[m.question].sop ? answers(QUESTIONS[m.question].sop!).length : botHandoffAt) && !(agentAt ?? failOpenAt)) {
        fail('every acknowledged click acted on', id, `click on "${m.click.title}" was acknowledged, the conversation is ${conv.status}, and nothing came of it`);
      }
    }

    const tasks = input.tasks.filter((t) => t === id).length;
    if (botHandoffAt) {
      counts.escalated++;
      if (tasks !== 1) fail('one task per escalated conversation', id, `${tasks} va.task notes`);
      if (toggles.length === 0) fail('one handoff per escalated conversation', id, 'status went pending → open via the bot, but no toggle_status was recorded');
      extraCopies('one handoff per escalated conversation', toggles);
      if (handoffMessages.length === 0) fail('one handoff message per escalation', id, 'the customer was not told');
      extraCopies('one handoff message per escalation', messages.filter((c) => !(c.body as { private?: boolean }).private && !JSON.stringify(c.body).includes(SOURCE)));
      if (notes.length === 0) fail('one private note per escalation', id, 'the VAs were not briefed');
      extraCopies('one private note per escalation', messages.filter((c) => (c.body as { private?: boolean }).private));
    } else {
      if (tasks > 1) fail('one task per escalated conversation', id, `${tasks} va.task notes, and the bot never handed off`);
      if (handoffMessages.length > 1) extraCopies('one handoff message per escalation', messages.filter((c) => !(c.body as { private?: boolean }).private && !JSON.stringify(c.body).includes(SOURCE)));
    }
    if (agentAt) {
      // Later copies of a message were judged above (lost response or not); here, first copies.
      const firsts = publicBot.filter((m, i) => publicBot.findIndex((x) => x.content === m.content) === i);
      const after = firsts.filter((m) => m.created_at > agentAt);
      if (after.length) fail('no bot reply after a human took over', id, `${after.length} bot message(s) after the agent opened the conversation`);
    }
    if (failOpenAt && !agentAt) counts.repliesRacingFailOpen += publicBot.filter((m) => m.created_at > failOpenAt).length;
  }

  // Every acknowledged webhook (customer messages, the echoes of the bot's own actions, status
  // events) became a job, and every job finished: none queued, running, failed or dead.
  const jobIds = new Set<number>();
  for (const d of sim.deliveries) {
    if (d.status !== 200) continue;
    counts.webhooksAcknowledged++;
    const result = (() => {
      try {
        return JSON.parse(d.response ?? '') as { status?: string; job?: number };
      } catch {
        return {};
      }
    })();
    if (result.status === 'queued' && result.job !== undefined) jobIds.add(result.job);
  }
  counts.jobIdsAcknowledged = jobIds.size;
  const { queued = 0, running = 0, done = 0, failed = 0, dead = 0 } = input.jobs;
  if (!input.drained || queued + running > 0) fail('every acknowledged webhook processed', undefined, `queue not drained: ${queued} queued, ${running} running`);
  if (failed + dead > 0) fail('every acknowledged webhook processed', undefined, `${failed} failed and ${dead} dead jobs`);
  if (jobIds.size > queued + running + done + failed + dead) fail('every acknowledged webhook processed', undefined, `${jobIds.size} job ids acknowledged, only ${done} jobs done`);
  return { counts, violations, atLeastOnce };
}
