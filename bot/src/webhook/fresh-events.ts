import type { AgentBotEvent } from '@sbf-chatwoot/shared';

/**
 * Events validated at intake, handed to the worker in memory so that a job queued by this process
 * need not parse its stored body again. Only a shortcut: the stored body stays the truth (after a
 * restart, or for a retry, the job parses it), so the map is bounded and what does not fit is
 * simply left out.
 */
export function createFreshEvents(limit = 10_000) {
  const byJob = new Map<number, AgentBotEvent>();
  return {
    put(job: number, event: AgentBotEvent): void {
      if (byJob.size < limit) byJob.set(job, event);
    },
    /** The event once, then forgotten. */
    take(job: number): AgentBotEvent | undefined {
      const event = byJob.get(job);
      byJob.delete(job);
      return event;
    },
  };
}
