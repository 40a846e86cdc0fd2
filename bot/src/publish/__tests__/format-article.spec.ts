import { vaSopSchema, type VaSop } from '@sbf-chatwoot/shared';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNote } from '../../sbf/frontmatter.ts';
import { clientSlug } from '../../sbf/uid.ts';
import { articleContent, articleDescription, articleSlug, articleTitle, articleUrl, contentHash, formatArticle } from '../format-article.ts';

const sop = (fields: Partial<VaSop> & { content?: string }): VaSop =>
  vaSopSchema.parse({ uid: 'va-sop-acme-reset-password-001', type: 'va.sop', client_uid: 'va-client-acme-001', title: 'Reset your password', status: 'published', sensitivity: { level: 'public' }, ...fields });

const RESET = `## Answer

Go to https://acme.example/login and click **Forgot password?**. Enter your work email and we'll send a reset link that is valid for 60 minutes — if it hasn't arrived within 5 minutes, check your spam folder. If your company signs in with SSO, use your company's SSO button.

## Internal

Reset emails go through Postmark; only bob can clear the suppression list.`;

const ctx = { clientSlug: 'acme', company: 'Acme Cloud Inc.' };

describe('article slug', () => {
  it('when the SOP uid already starts with the client slug, then the slug is the uid without va-sop-', () => {
    expect(articleSlug('va-sop-acme-reset-password-001', 'acme')).toBe('acme-reset-password-001');
  });

  it('when the SOP uid does not name the client, then the client slug is put in front (slugs are installation-wide)', () => {
    expect(articleSlug('va-sop-reset-password-001', 'acme')).toBe('acme-reset-password-001');
    expect(articleSlug('va-sop-reset-password-001', 'bloom')).not.toBe(articleSlug('va-sop-reset-password-001', 'acme'));
  });

  it('when the uid has dots, underscores or accents, then the slug is lowercase words joined by hyphens', () => {
    expect(articleSlug('va-sop-Kora_Öffnungszeiten.de-001', 'kora')).toBe('kora-offnungszeiten-de-001');
  });

  it('when a translation has its own uid, then it gets its own stable slug', () => {
    expect(articleSlug('va-sop-bloom-card-message-es-001', clientSlug('va-client-bloom-001'))).toBe('bloom-card-message-es-001');
  });
});

describe('article text', () => {
  it('when the title has the SOP template prefix, then the customer sees only the topic', () => {
    expect(articleTitle({ title: 'SOP – Inbox Zero for Client X' })).toBe('Inbox Zero for Client X');
    expect(articleTitle({ title: 'Reset your password' })).toBe('Reset your password');
  });

  it('when a SOP has Answer and Internal sections, then the content is the Answer only', () => {
    const content = articleContent(sop({ content: RESET }));
    expect(content).toContain('**Forgot password?**');
    expect(content).not.toMatch(/Postmark|Internal/);
    expect(content.endsWith('\n')).toBe(true);
  });

  it('when the answer hides an internal subsection or an HTML comment, then neither is published', () => {
    const content = articleContent(sop({ content: '## Answer\nCall us.\n<!-- VA: refund up to $50 -->\n### Internal notes\nAsk bob.\n### Hours\nDaily 8-8.' }));
    expect(content).toBe('Call us.\n\n### Hours\nDaily 8-8.\n');
  });

  it('when a SOP has no body, then its steps become a numbered list', () => {
    expect(articleContent(sop({ content: undefined, steps: ['Open settings', 'Click Export'] }))).toBe('1. Open settings\n2. Click Export\n');
  });

  it('when the answer has several sentences, then the description takes whole sentences up to 160 characters', () => {
    const d = articleDescription(articleContent(sop({ content: RESET })));
    expect(d).toBe('Go to https://acme.example/login and click Forgot password?.');
    expect(articleDescription('Short one. Second short one! Third?')).toBe('Short one. Second short one! Third?');
  });

  it('when the first sentence is longer than 160 characters, then it is cut at a word with an ellipsis', () => {
    const d = articleDescription(`${'word '.repeat(60)}end.`);
    expect(d.length).toBeLessThanOrEqual(160);
    expect(d).toMatch(/word…$/);
  });
});

describe('formatted article and hash', () => {
  it('when a SOP is formatted, then title, meta, locale, status and slug follow the SOP and client', () => {
    const a = formatArticle(sop({ content: RESET, locale: 'en', tags: ['Account', 'password', 'account'] }), ctx);
    expect(a).toMatchObject({
      title: 'Reset your password',
      slug: 'acme-reset-password-001',
      status: 'published',
      locale: 'en',
      meta: { title: 'Reset your password | Acme Cloud Inc.', description: a.description, tags: ['account', 'password'] },
    });
    expect(a).not.toHaveProperty('associated_article_id');
    expect(formatArticle(sop({ content: RESET }), { ...ctx, associatedArticleId: 301 }).associated_article_id).toBe(301);
  });

  it('when the same SOP is formatted twice, then the hash is equal; when the answer changes, then it differs', () => {
    const h = contentHash(formatArticle(sop({ content: RESET }), ctx));
    expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(contentHash(formatArticle(sop({ content: RESET, steps: ['internal step changed'] }), ctx))).toBe(h);
    expect(contentHash(formatArticle(sop({ content: RESET.replace('60 minutes', '30 minutes') }), ctx))).not.toBe(h);
    expect(contentHash(formatArticle(sop({ content: RESET }), { ...ctx, associatedArticleId: 9 }))).not.toBe(h);
  });

  it('when the URL is built, then it has no locale segment', () => {
    expect(articleUrl('https://help.example', 'acme', 'acme-reset-password-001')).toBe('https://help.example/hc/acme/articles/acme-reset-password-001');
  });
});

describe('the shipped eval vault', () => {
  const vault = resolve(dirname(fileURLToPath(import.meta.url)), '../../../eval/vault');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.md') ? [join(dir, n)] : []));
  const sops = files(vault)
    .map((f) => readNote(readFileSync(f, 'utf8'))!)
    .filter((n) => n.data.type === 'va.sop')
    .map((n) => vaSopSchema.parse({ ...n.data, content: n.body }));

  it('when every SOP is formatted, then no internal section reaches an article, and slugs are unique', () => {
    const slugs = new Set<string>();
    for (const s of sops) {
      const a = formatArticle(s, { clientSlug: clientSlug(s.client_uid ?? 'generic'), company: 'X' });
      const internal = /## Internal\s+([\s\S]*)$/.exec(s.content ?? '')?.[1]?.trim();
      if (internal) expect(a.content, s.uid).not.toContain(internal.slice(0, 40));
      expect(a.description.length).toBeLessThanOrEqual(160);
      expect(a.content.length).toBeGreaterThan(0);
      slugs.add(a.slug);
    }
    expect(slugs.size).toBe(sops.length);
  });
});
