import type { SoakOptions, SoakResult } from './soak.ts';

/** The soak's counts and verdict, as printed by `pnpm soak`. */
export function renderReport(opts: SoakOptions, r: SoakResult): string {
  const c = r.counts;
  const faults = Object.entries(r.chaos.faults).map(([k, n]) => `${k}×${n}`).join(', ') || 'none';
  const lines = [
    `soak: seed ${opts.seed}, ${(r.trafficMs / 1000).toFixed(1)} s of traffic (limit ${opts.seconds} s / ${opts.conversations} conversations), queue drained in ${(r.drainMs / 1000).toFixed(1)} s`,
    `chaos: ${r.chaos.kills} SIGKILL + restart (slowest back in ${r.chaos.slowestRestartMs} ms); Chatwoot faults ${faults}; ${c.duplicatesSent} duplicate deliveries`,
    '',
    `conversations                                   ${c.conversations}`,
    `customer messages sent                          ${c.messages}`,
    `  refused (bot down; Chatwoot opened the conv)  ${c.refused}`,
    `  acknowledged                                  ${c.acknowledged}`,
    `    answered exactly once                       ${c.answeredOnce}`,
    `    part of exactly one escalation              ${c.partOfEscalation + c.answerableEscalated}${c.answerableEscalated ? ` (${c.answerableEscalated} answerable but escalated)` : ''}`,
    `    handed to humans before the bot acted       ${c.handedToHumansFirst}`,
    `    sent after a human took over (bot quiet)    ${c.sentToHumans}`,
    `duplicate deliveries recognised                 ${c.duplicatesRecognised} / ${c.duplicatesSent}${c.duplicatesRefused ? ` (${c.duplicatesRefused} hit a restarting bot)` : ''}`,
    `escalated conversations (1 task, 1 handoff)     ${c.escalated}`,
    `clicks on the bot's choices acted on           ${c.clicks - c.clicksRefused} / ${c.clicks}${c.clicksRefused ? ` (${c.clicksRefused} hit a restarting bot)` : ''}${c.choiceNotClicked ? `; ${c.choiceNotClicked} choice(s) offered, not clicked before the end` : ''}`,
    `webhooks acknowledged (all events)              ${c.webhooksAcknowledged} → ${c.jobIdsAcknowledged} jobs; bot: ${JSON.stringify(r.jobs)}`,
    `at-least-once duplicates from lost responses    ${c.atLeastOnce}`,
    `bot replies racing a Chatwoot fail-open         ${c.repliesRacingFailOpen}`,
    `waits that timed out (judged at the end)        ${r.slowWaits}`,
  ];
  if (r.atLeastOnce.length) {
    lines.push('', 'at-least-once duplicates (a write Chatwoot carried out, whose response the bot never got, was sent again):');
    for (const v of r.atLeastOnce) lines.push(`  conversation ${v.conversation}: ${v.invariant}: ${v.detail}`);
  }
  lines.push('', r.violations.length ? `VIOLATIONS: ${r.violations.length}` : 'violations: 0 — every invariant held');
  for (const v of r.violations) lines.push(`  ${v.invariant}${v.conversation ? ` (conversation ${v.conversation})` : ''}: ${v.detail}`);
  if (r.violations.length) {
    lines.push(`  reproduce: pnpm soak --seed ${opts.seed} --seconds ${opts.seconds} --conversations ${opts.conversations}`);
    for (const id of new Set(r.violations.map((v) => v.conversation).filter(Boolean))) {
      const events = [
        ...r.jobLog.filter((l) => l.conv === `3:${id}`).map((l) => ({ time: l.time, text: `${l.msg}${l.err ? `: ${l.err}` : ''} (attempt ${l.attempt})` })),
        ...r.chaos.killedAt.map((time, i) => ({ time, text: `--- SIGKILL #${i + 1}` })),
      ].sort((a, b) => a.time - b.time);
      const first = events.findIndex((e) => !e.text.startsWith('---'));
      lines.push(`  bot job log, conversation ${id}:`, ...events.slice(Math.max(0, first - 1), first + 20).map((e) => `    ${e.time} ${e.text}`));
    }
  }
  return lines.join('\n');
}
