/** "3 min", "1 h 05 min", "2 d 4 h": short enough for a narrow pane. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export type FirstResponse =
  | { kind: 'met'; at: string }
  | { kind: 'due'; inMs: number }
  | { kind: 'overdue'; byMs: number }
  | { kind: 'none' };

/** Where the first-response SLA stands at `now`. */
export function firstResponseState(t: { firstResponseAt: string | null; firstResponseDueAt: string | null }, now: number): FirstResponse {
  if (t.firstResponseAt) return { kind: 'met', at: t.firstResponseAt };
  if (!t.firstResponseDueAt) return { kind: 'none' };
  const left = Date.parse(t.firstResponseDueAt) - now;
  return left >= 0 ? { kind: 'due', inMs: left } : { kind: 'overdue', byMs: -left };
}
