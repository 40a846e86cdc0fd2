import type { Report, Stats } from './compute-report.ts';

const dur = (s: number | null) => (s === null ? '–' : s < 90 ? `${Math.round(s)}s` : s < 5400 ? `${Math.round(s / 60)}m` : `${(s / 3600).toFixed(1)}h`);
const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);
const bar = (r: number | null, width = 10) => (r === null ? '' : '█'.repeat(Math.round(r * width)).padEnd(width, '·'));

function row(name: string, s: Stats) {
  return [
    name.padEnd(24),
    String(s.conversations).padStart(5),
    `${pct(s.deflection_rate).padStart(5)} ${bar(s.deflection_rate)}`,
    `${pct(s.escalation_rate).padStart(5)} ${bar(s.escalation_rate)}`,
    dur(s.median_first_response_s).padStart(7),
    dur(s.p90_first_response_s).padStart(7),
    (s.csat_avg === null ? '–' : `${s.csat_avg.toFixed(2)} (${s.csat_count})`).padStart(10),
    `${s.choices_offered} (${pct(s.choice_to_sop_rate)} SOP)`.padStart(14),
  ].join('  ');
}

/** A terminal table; the bars make rates comparable at a glance. */
export function renderReport(report: Report): string {
  const head = ['client / VA'.padEnd(24), 'convs', 'deflection'.padEnd(16), 'escalation'.padEnd(16), 'VA p50', 'VA p90', 'CSAT'.padStart(10), 'choices'.padStart(14)].join('  ');
  const lines = [head, '-'.repeat(head.length)];
  for (const c of report) {
    lines.push(row(c.client_name, c));
    for (const v of c.vas) lines.push(row(`  ${v.va}`, v));
  }
  if (!report.length) lines.push('(no tracked conversations in this period)');
  return lines.join('\n');
}
