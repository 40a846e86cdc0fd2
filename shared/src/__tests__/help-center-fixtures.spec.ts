import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleListResponseSchema, articleResponseSchema, articleWriteBodySchema } from '../index.ts';
import { contractDir } from './contract-dir.ts';

const load = (name: string) => JSON.parse(readFileSync(join(contractDir(), 'help-center', name), 'utf8'));

describe('help center fixtures', () => {
  it('when the article response fixture is parsed, then it passes the shared schema and keeps unknown keys', () => {
    const parsed = articleResponseSchema.parse(load('article.json'));
    expect(parsed.payload).toMatchObject({ id: 314, status: 'published', slug: '1784600000-how-to-reset-your-password' });
    expect((parsed.payload as Record<string, unknown>).views).toBe(0);
  });

  it('when the create request fixture is parsed, then every permitted key it shows passes the write schema', () => {
    const raw = load('article.create_request.json');
    expect(articleWriteBodySchema.parse(raw)).toEqual(raw);
  });

  it('when a list page wraps the fixture article, then it parses with its counts', () => {
    const page = { payload: [load('article.json').payload], meta: { articles_count: 1, current_page: '1' } };
    expect(articleListResponseSchema.parse(page).meta.current_page).toBe(1);
  });
});
