import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { mulberry32, pick } from '../soak/rng.ts';

const VARIANTS = ['Pro plan', 'EU region', 'mobile app', 'team accounts', 'legacy plan', 'trial', 'enterprise', 'partners', 'kiosk', 'gift orders', 'holiday season', 'API users'];

interface SopFile {
  dir: string;
  data: Record<string, any>;
  answer: string;
}

function* sopFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* sopFiles(full);
    else if (name.endsWith('.md') && full.includes('/sops/')) yield full;
  }
}

function readSop(path: string): SopFile | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(readFileSync(path, 'utf8'));
  if (!m) return undefined;
  const answer = /## Answer\s*\n([\s\S]*?)(?=\n## |$)/.exec(m[2]!)?.[1]?.trim() ?? m[2]!.trim();
  return { dir: join(path, '..'), data: parse(m[1]!) as Record<string, any>, answer };
}

/** Published, public SOPs: the ones the bot indexes (internal ones would not change the figures). */
const isIndexed = (s: SopFile) =>
  (s.data.status ?? 'published') === 'published' && [undefined, 'public'].includes(s.data.sensitivity?.level);

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter(Boolean);

/**
 * Grows a copy of `source` (e.g. bot/eval/vault) in `target` to `total` SOP notes, in one of two layouts:
 * - `concentrated` (the stress case): every added SOP belongs to the existing clients, so each client's
 *   index holds about total/4 SOPs. Added SOPs are variations of customer-facing ones: same client and
 *   language, a variant in the title and tags, the answer's sentences reordered plus one sentence from
 *   another SOP of that client and language.
 * - `spread` (an agency's shape): the clients are copied as new clients, each with its own SOPs and
 *   Chatwoot account, until the vault holds `total` SOPs; each client's index stays client-sized.
 * Deterministic.
 */
export function syntheticVault(source: string, target: string, total: number, opts: { layout?: 'concentrated' | 'spread'; seed?: number } = {}): number {
  cpSync(source, target, { recursive: true });
  if (opts.layout === 'spread') return spreadClients(source, target, total);
  const seed = opts.seed ?? 1;
  const all = [...sopFiles(source)].map(readSop).filter((s): s is SopFile => Boolean(s));
  const sops = all.filter(isIndexed);
  const rand = mulberry32(seed);
  const peersOf = (s: SopFile) => sops.filter((p) => p.data.client_uid === s.data.client_uid && p.data.locale === s.data.locale);
  for (let n = all.length, i = 0; n < total; n++, i++) {
    const base = sops[i % sops.length]!;
    const round = Math.floor(i / sops.length) + 1;
    const variant = pick(rand, VARIANTS);
    const other = pick(rand, peersOf(base));
    const body = [...sentences(base.answer)].sort(() => rand() - 0.5).concat(pick(rand, sentences(other.answer)) ?? '').join(' ');
    const data = {
      ...base.data,
      uid: `${base.data.uid}-s${round}`,
      title: `${base.data.title} (${variant})`,
      tags: [...(base.data.tags ?? []), variant.toLowerCase()],
    };
    const dir = join(target, relative(source, base.dir));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${data.uid}.md`), `---\n${stringify(data)}---\n\n## Answer\n\n${body}\n`);
  }
  return Math.max(total, all.length);
}

/** Copies every client folder as new clients (`acme` → `acme2`, uids and Chatwoot ids renamed) until `total` SOPs. */
function spreadClients(source: string, target: string, total: number): number {
  let count = [...sopFiles(source)].length;
  const clients = readdirSync(join(source, 'clients'));
  for (let copy = 2; count < total; copy++) {
    for (const slug of clients) {
      const rename = (text: string) =>
        text
          .replace(new RegExp(`va-(client|support|sop)-${slug}-`, 'g'), `va-$1-${slug}${copy}-`)
          .replace(/chatwoot_account_id: (\d+)/, (_m, id: string) => `chatwoot_account_id: ${copy * 100 + Number(id)}`)
          .replace(/chatwoot_inbox_ids: \[([^\]]*)\]/, (_m, ids: string) => `chatwoot_inbox_ids: [${ids.split(',').map((id) => copy * 100 + Number(id)).join(', ')}]`);
      const from = join(source, 'clients', slug);
      const to = join(target, 'clients', `${slug}${copy}`);
      mkdirSync(join(to, 'sops'), { recursive: true });
      for (const note of ['client.md', 'support.md']) writeFileSync(join(to, note), rename(readFileSync(join(from, note), 'utf8')));
      for (const name of readdirSync(join(from, 'sops'))) {
        if (count >= total) return count;
        writeFileSync(join(to, 'sops', rename(name)), rename(readFileSync(join(from, 'sops', name), 'utf8')));
        count++;
      }
    }
  }
  return count;
}
