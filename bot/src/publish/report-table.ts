import type { PublishReport } from '@sbf-chatwoot/shared';

const pad = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
};

/** The report as a plain-text table for people; the CLI prints the JSON after it for machines. */
export function reportTable(report: PublishReport): string {
  const lines: string[] = [];
  if (report.items.length) {
    const rows = report.items.map((i) => [i.action, i.client_uid, i.sop_uid, i.article_id?.toString() ?? '-', [i.url, i.detail].filter(Boolean).join(' — ') || '-']);
    lines.push(...pad([['ACTION', 'CLIENT', 'SOP', 'ARTICLE', 'URL / DETAIL'], ...rows]), '');
  }
  for (const s of report.skipped) lines.push(`skipped ${s.client_uid}: ${s.reason}`);
  const verb = report.dry_run ? 'would be ' : '';
  lines.push(
    `${report.created} ${verb}created, ${report.updated} ${verb}updated, ${report.unchanged} unchanged, ` +
      `${report.unpublished} ${verb}unpublished, ${report.failed.length} failed` +
      (report.dry_run ? ' (dry run: nothing was sent to Chatwoot or written to the vault)' : ''),
  );
  return lines.join('\n');
}
