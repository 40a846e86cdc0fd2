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
 * Copies `source` (e.g. bot/eval/vault) into `target` and adds variations of its SOPs until the
 * vault holds `total` SOP notes. Variations are of customer-facing SOPs: same client and language, a variant in the title and tags, the answer's
 * sentences reordered plus one sentence from another SOP of that client and language. Deterministic.
 */
export function syntheticVault(source: string, target: string, total: number, seed = 1): number {
  cpSync(source, target, { recursive: true });
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
