import { vaSopSchema, type VaSop } from '@sbf-chatwoot/shared';
import MiniSearch from 'minisearch';
import type { SbfStore } from '../sbf/store.ts';
import { customerText, isCustomerFacing } from './sop-text.ts';

export interface SopHit {
  sop: VaSop;
  score: number;
  /** Share of the query's terms that this SOP matched, 0..1. */
  coverage: number;
  matched: string[];
}

interface Doc {
  id: string;
  title: string;
  tags: string;
  trigger: string;
  answer: string;
}

const STOP = new Set(
  'a an and are as at be but by can could do does for from have hi hello how i if in is it me my of on or our please so that the there this to was we what when where which who why will with would you your'.split(
    ' ',
  ),
);
const processTerm = (term: string) => {
  const t = term.toLowerCase();
  return t.length < 2 || STOP.has(t) ? null : t;
};

function newIndex() {
  return new MiniSearch<Doc>({
    fields: ['title', 'tags', 'trigger', 'answer'],
    processTerm,
    searchOptions: { boost: { title: 3, tags: 2, trigger: 1.5 }, prefix: true, fuzzy: 0.2, combineWith: 'OR' },
  });
}

function toDoc(sop: VaSop): Doc {
  return {
    id: sop.uid,
    title: sop.title,
    tags: (sop.tags ?? []).join(' '),
    trigger: sop.trigger ?? '',
    answer: customerText(sop),
  };
}

/**
 * BM25 retrieval (MiniSearch) over the SOPs a client's customers may see: the client's own
 * plus generic ones. One index per client, updated in place when a SOP note changes.
 */
export async function createSopIndex(store: SbfStore) {
  const sops = new Map<string, VaSop>();
  const indexes = new Map<string, MiniSearch<Doc>>();

  const belongs = (sop: VaSop, clientUid: string) => !sop.client_uid || sop.client_uid === clientUid;

  function indexFor(clientUid: string): MiniSearch<Doc> {
    let idx = indexes.get(clientUid);
    if (!idx) {
      idx = newIndex();
      idx.addAll([...sops.values()].filter((s) => belongs(s, clientUid)).map(toDoc));
      indexes.set(clientUid, idx);
    }
    return idx;
  }

  function upsert(raw: unknown) {
    const parsed = vaSopSchema.safeParse(raw);
    if (!parsed.success) return;
    const sop = parsed.data;
    const before = sops.get(sop.uid);
    if (before) {
      sops.delete(sop.uid);
      for (const [client, idx] of indexes) if (belongs(before, client) && idx.has(sop.uid)) idx.discard(sop.uid);
    }
    if (!isCustomerFacing(sop)) return;
    sops.set(sop.uid, sop);
    for (const [client, idx] of indexes) if (belongs(sop, client)) idx.add(toDoc(sop));
  }

  for (const sop of await store.query({ type: 'va.sop', allClients: true })) upsert(sop);
  store.onChange((uid) => {
    void store.get(uid).then((e) => {
      if (e?.type === 'va.sop') upsert(e);
    });
  });

  return {
    search(clientUid: string, text: string, limit = 5): SopHit[] {
      const queryTerms = [...new Set(MiniSearch.getDefault('tokenize')(text).map(processTerm).filter(Boolean))];
      if (!queryTerms.length) return [];
      return indexFor(clientUid)
        .search(text)
        .slice(0, limit)
        .map((r) => ({
          sop: sops.get(r.id)!,
          score: r.score,
          matched: r.queryTerms,
          coverage: Math.min(1, r.queryTerms.length / queryTerms.length),
        }));
    },
    get: (uid: string) => sops.get(uid),
    size: () => sops.size,
  };
}
export type SopIndex = Awaited<ReturnType<typeof createSopIndex>>;
