import { vaSopSchema, type PublishReport, type VaSop } from '@sbf-chatwoot/shared';
import { describe, expect, it } from 'vitest';
import { isPublishable, publishOrder, takedownFor } from '../publish-rule.ts';
import { reportTable } from '../report-table.ts';

const sop = (fields: Record<string, unknown>): VaSop =>
  vaSopSchema.parse({ uid: 'va-sop-acme-x-001', type: 'va.sop', title: 'X', status: 'published', sensitivity: { level: 'public' }, ...fields });
const published = { publish: { portal_slug: 'acme', article_id: 301, status: 'published' } };

describe('publish rule', () => {
  it('when a SOP is public and published, then it may be published; otherwise not', () => {
    expect(isPublishable(sop({}))).toBe(true);
    expect(isPublishable(sop({ sensitivity: { level: 'confidential' } }))).toBe(false);
    expect(isPublishable(sop({ sensitivity: undefined }))).toBe(false);
    expect(isPublishable(sop({ status: 'retired' }))).toBe(false);
    expect(isPublishable(sop({ status: undefined }))).toBe(false);
    expect(isPublishable(sop({ lifecycle: { state: 'archived' } }))).toBe(false);
  });

  it('when a published SOP is retired or archived, then its article is archived', () => {
    expect(takedownFor(sop({ ...published, status: 'retired' }))).toBe('archive');
    expect(takedownFor(sop({ ...published, lifecycle: { state: 'archived' } }))).toBe('archive');
  });

  it('when a published SOP is no longer public, then its article is deleted, even if it was archived before', () => {
    expect(takedownFor(sop({ ...published, sensitivity: { level: 'confidential' } }))).toBe('delete');
    expect(takedownFor(sop({ publish: { article_id: 301, status: 'archived' }, sensitivity: { level: 'personal' } }))).toBe('delete');
  });

  it('when there is nothing live to take down, then nothing happens', () => {
    expect(takedownFor(sop({ ...published }))).toBeUndefined();
    expect(takedownFor(sop({ status: 'retired' }))).toBeUndefined();
    expect(takedownFor(sop({ publish: { article_id: 301, status: 'archived' }, status: 'retired' }))).toBeUndefined();
  });

  it('when translations and originals are mixed, then originals come first', () => {
    const order = publishOrder([sop({ uid: 'b-es', translation_of: 'b' }), sop({ uid: 'b' }), sop({ uid: 'a' })]);
    expect(order.map((s) => s.uid)).toEqual(['a', 'b', 'b-es']);
  });
});

describe('report table', () => {
  const report: PublishReport = {
    dry_run: false,
    created: 1,
    updated: 0,
    unchanged: 0,
    unpublished: 0,
    failed: [{ client_uid: 'va-client-acme-001', sop_uid: 'va-sop-acme-y-001', error: 'boom' }],
    skipped: [{ client_uid: 'va-client-zed-001', reason: 'va-support-zed-001 has no help_center_portal' }],
    items: [
      { client_uid: 'va-client-acme-001', sop_uid: 'va-sop-acme-x-001', action: 'created', article_id: 301, url: 'http://h/hc/acme/articles/acme-x-001' },
      { client_uid: 'va-client-acme-001', sop_uid: 'va-sop-acme-y-001', action: 'failed', detail: 'boom' },
    ],
  };

  it('when a run is reported, then each SOP is a row and the totals close the table', () => {
    const lines = reportTable(report).split('\n');
    expect(lines[0]).toMatch(/^ACTION\s+CLIENT\s+SOP\s+ARTICLE\s+URL \/ DETAIL$/);
    expect(lines[1]).toMatch(/^created\s+va-client-acme-001\s+va-sop-acme-x-001\s+301\s+http:\/\/h\/hc\/acme/);
    expect(lines[2]).toMatch(/^failed\s+.*\s+-\s+boom$/);
    expect(lines).toContain('skipped va-client-zed-001: va-support-zed-001 has no help_center_portal');
    expect(lines.at(-1)).toBe('1 created, 0 updated, 0 unchanged, 0 unpublished, 1 failed');
  });

  it('when it was a dry run, then the totals say nothing was written', () => {
    expect(reportTable({ ...report, dry_run: true, items: [], failed: [] })).toMatch(/1 would be created.*dry run: nothing was sent/);
  });
});
