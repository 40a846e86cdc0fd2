import { vaSopSchema, type VaSop } from '@sbf-chatwoot/shared';
import MiniSearch from 'minisearch';
import type { SbfStore } from '../sbf/store.ts';
import { jaccard, termProcessor, termsOf, tokenize } from './analyzer.ts';
import { isCanned } from './canned-responses.ts';
import { asLanguage, type Language } from './language.ts';
import { customerText, internalText, isCustomerFacing } from './sop-text.ts';

export interface SopHit {
  sop: VaSop;
  score: number;
  /** Share of the query's terms that this SOP matched, 0..1. */
  coverage: number;
  /** The same share weighted by each term's rarity: words the SOPs never use weigh most. */
  idfCoverage: number;
  matched: string[];
  /**
   * The customer's words that this SOP speaks of only in its internal notes ("Nonprofit rates … never
   * quote them in chat", "Common failure: wrong NameID format"), and that no customer-facing SOP of
   * the agency uses: the answer to this question is a VA's (ADR 011).
   */
  internalOnly: string[];
}

/**
 * SOPs the bot never answers from, indexed only to notice what a question is about:
 * - `restricted`: published SOPs the customer may not see (confidential): "the answer is internal";
 * - `unpublished`: draft and retired SOPs: "the answer is not published (yet, or any more)".
 */
type Aside = 'restricted' | 'unpublished';
const ASIDES: Aside[] = ['restricted', 'unpublished'];
const asideOf = (sop: VaSop): Aside | undefined =>
  sop.status === undefined || sop.status === 'published' ? 'restricted' : sop.status === 'draft' || sop.status === 'retired' ? 'unpublished' : undefined;

interface ClientIndex {
  search: MiniSearch<Doc>;
  aside: Record<Aside, MiniSearch<Doc>>;
  /** term → number of SOPs containing it, for the rarity weights. */
  df: Map<string, number>;
}

interface Doc {
  id: string;
  title: string;
  tags: string;
  trigger: string;
  answer: string;
}

/** Weight of a word no SOP uses, relative to the rarest known word (fitted on bot/eval/dev.jsonl). */
const UNSEEN_WEIGHT = 0.5;
/**
 * Two documents whose answers share this much of their wording (Jaccard of stemmed words) say the
 * same thing: typically a canned response pasted from a SOP, with a greeting or a name variable.
 */
const SAME_ANSWER = 0.8;

function newIndex(lang: Language) {
  const processTerm = termProcessor(lang);
  return new MiniSearch<Doc>({
    fields: ['title', 'tags', 'trigger', 'answer'],
    processTerm,
    searchOptions: {
      boost: { title: 3, tags: 2, trigger: 1.5 },
      prefix: (t) => t.length > 4,
      fuzzy: (t) => (t.length > 5 ? 0.2 : false),
      combineWith: 'OR',
      // The index's own tokenizer and term processor, which a search uses anyway. Named here, every
      // query term's options copy adds no new key to these search options: on Node 20, an object
      // spread followed by new keys leaves megabytes live in the young generation, and each
      // scavenge then paused decisions for 2–5 ms (ADR 017).
      tokenize,
      processTerm,
    },
  });
}

const toDoc = (sop: VaSop): Doc => ({
  id: sop.uid,
  title: sop.title,
  tags: (sop.tags ?? []).join(' '),
  trigger: [sop.trigger, sop.desired_outcome].filter(Boolean).join(' '),
  answer: customerText(sop),
});

export const sopLanguage = (sop: VaSop): Language => asLanguage(sop.locale) ?? 'en';

/**
 * BM25 retrieval (MiniSearch) over the SOPs a client's customers may see — the client's own
 * plus generic ones — with one index per client and language, each with its own stemmer.
 * Indexes are built on first use and updated in place when a SOP note changes.
 */
export async function createSopIndex(store: SbfStore) {
  const sops = new Map<string, VaSop>();
  const aside: Record<Aside, Map<string, VaSop>> = { restricted: new Map(), unpublished: new Map() };
  const indexes = new Map<string, ClientIndex>();
  /** term → SOPs using it across every client and language: the agency's topic vocabulary. */
  const agencyDf = new Map<string, number>();
  /** "<original uid>|<language>" → customer-facing SOPs saying it in that language (itself or a translation). */
  const versions = new Map<string, number>();
  const versionKey = (sop: VaSop) => `${typeof sop.translation_of === 'string' ? sop.translation_of : sop.uid}|${sopLanguage(sop)}`;
  const countVersion = (sop: VaSop, by: number) => versions.set(versionKey(sop), (versions.get(versionKey(sop)) ?? 0) + by);
  const key = (client: string, lang: Language) => `${client}|${lang}`;
  const belongs = (sop: VaSop, client: string, lang: Language) =>
    (!sop.client_uid || sop.client_uid === client) && sopLanguage(sop) === lang;

  function indexFor(client: string, lang: Language): ClientIndex {
    let idx = indexes.get(key(client, lang));
    if (!idx) {
      idx = { search: newIndex(lang), aside: { restricted: newIndex(lang), unpublished: newIndex(lang) }, df: new Map() };
      for (const sop of sops.values()) if (belongs(sop, client, lang)) add(idx, lang, sop);
      for (const kind of ASIDES) for (const sop of aside[kind].values()) if (belongs(sop, client, lang)) idx.aside[kind].add(toDoc(sop));
      indexes.set(key(client, lang), idx);
    }
    return idx;
  }

  function docTerms(lang: Language, sop: VaSop): Set<string> {
    const doc = toDoc(sop);
    return termsOf(lang, [doc.title, doc.tags, doc.trigger, doc.answer].join(' '));
  }

  /** Stemmed words of each document's customer-facing answer, for telling repeats apart. */
  const answerTerms = new Map<string, Set<string>>();
  function answerTermsOf(sop: VaSop): Set<string> {
    let terms = answerTerms.get(sop.uid);
    if (!terms) answerTerms.set(sop.uid, (terms = termsOf(sopLanguage(sop), customerText(sop))));
    return terms;
  }

  /** Per SOP: words of its internal notes that its customer-facing text lacks. */
  const internalTerms = new Map<string, Set<string>>();
  function internalTermsOf(sop: VaSop, lang: Language): Set<string> {
    let terms = internalTerms.get(sop.uid);
    if (!terms) {
      const said = docTerms(lang, sop);
      // Web and mail addresses in a note (monday.com, finance@acme.example) name no topic of their own.
      const text = internalText(sop).replace(/\S+(?:[.@]\w[\w-]*)+/g, ' ');
      terms = new Set([...termsOf(lang, text)].filter((t) => !said.has(t)));
      internalTerms.set(sop.uid, terms);
    }
    return terms;
  }

  function add(idx: ClientIndex, lang: Language, sop: VaSop) {
    idx.search.add(toDoc(sop));
    for (const t of docTerms(lang, sop)) idx.df.set(t, (idx.df.get(t) ?? 0) + 1);
  }

  function remove(idx: ClientIndex, lang: Language, sop: VaSop) {
    if (!idx.search.has(sop.uid)) return;
    idx.search.discard(sop.uid);
    for (const t of docTerms(lang, sop)) idx.df.set(t, (idx.df.get(t) ?? 1) - 1);
  }

  function eachIndexOf(sop: VaSop, fn: (idx: ClientIndex, lang: Language) => void) {
    for (const [k, idx] of indexes) {
      const [client, lang] = k.split('|') as [string, Language];
      if (belongs(sop, client, lang)) fn(idx, lang);
    }
  }

  function upsert(raw: unknown) {
    const parsed = vaSopSchema.safeParse(raw);
    if (!parsed.success) return;
    const sop = parsed.data;
    answerTerms.delete(sop.uid);
    internalTerms.delete(sop.uid);
    for (const kind of ASIDES) {
      const was = aside[kind].get(sop.uid);
      if (!was) continue;
      aside[kind].delete(sop.uid);
      eachIndexOf(was, (idx) => idx.aside[kind].has(sop.uid) && idx.aside[kind].discard(sop.uid));
    }
    const before = sops.get(sop.uid);
    if (before) {
      sops.delete(sop.uid);
      eachIndexOf(before, (idx, lang) => remove(idx, lang, before));
      for (const t of docTerms(sopLanguage(before), before)) agencyDf.set(t, (agencyDf.get(t) ?? 1) - 1);
      countVersion(before, -1);
    }
    if (!isCustomerFacing(sop)) {
      const kind = asideOf(sop);
      if (kind) {
        aside[kind].set(sop.uid, sop);
        eachIndexOf(sop, (idx) => idx.aside[kind].add(toDoc(sop)));
      }
      return;
    }
    sops.set(sop.uid, sop);
    for (const t of docTerms(sopLanguage(sop), sop)) agencyDf.set(t, (agencyDf.get(t) ?? 0) + 1);
    countVersion(sop, 1);
    eachIndexOf(sop, (idx, lang) => add(idx, lang, sop));
  }

  for (const sop of await store.query({ type: 'va.sop', allClients: true })) upsert(sop);
  store.onChange((uid) => {
    void store.get(uid).then((e) => {
      if (e?.type === 'va.sop') upsert(e);
      else if (!e && sops.has(uid)) upsert({ ...sops.get(uid)!, status: 'retired' });
    });
  });

  /** The best SOP set aside as `kind` for the question. */
  function bestAside(kind: Aside, clientUid: string, text: string, lang: Language): { sop: VaSop; score: number } | undefined {
    const top = indexFor(clientUid, lang).aside[kind].search(text)[0];
    return top && { sop: aside[kind].get(top.id)!, score: top.score };
  }

  /** source → uids it fed (replaceSource). */
  const fedBy = new Map<string, Set<string>>();

  return {
    search(clientUid: string, text: string, lang: Language = 'en', limit = 5): SopHit[] {
      const queryTerms = termsOf(lang, text);
      if (!queryTerms.size) return [];
      const idx = indexFor(clientUid, lang);
      const n = idx.search.documentCount;
      // BM25's idf. A word this client's SOPs lack but other SOPs of the agency use names a topic
      // the client has no answer for: full weight. A word no SOP uses is as likely a name, a typo or
      // small talk: a fraction of that weight (calibrated on bot/eval). Numbers weigh nothing.
      const idf = (t: string) => {
        const df = idx.df.get(t) ?? 0;
        const w = Math.log(1 + (n - Math.max(df, 1) + 0.5) / (Math.max(df, 1) + 0.5));
        if (df > 0 || (agencyDf.get(t) ?? 0) > 0) return w;
        return /\d/.test(t) ? 0 : UNSEEN_WEIGHT * w;
      };
      const total = [...queryTerms].reduce((sum, t) => sum + idf(t), 0);
      const hits: SopHit[] = [];
      for (const r of idx.search.search(text)) {
        if (hits.length === limit) break;
        const sop = sops.get(r.id)!;
        // A document that repeats a better-ranked one's answer is no rival to it: keeping both
        // would leave the right answer no margin. The SBF note stands for the pair, as it is what
        // an answer cites.
        const same = hits.find((h) => jaccard(answerTermsOf(h.sop), answerTermsOf(sop)) >= SAME_ANSWER);
        if (same) {
          if (isCanned(same.sop) && !isCanned(sop)) same.sop = sop;
          continue;
        }
        const matched = new Set(r.queryTerms);
        const internal = internalTermsOf(sop, lang);
        const internalOnly = [...queryTerms].filter((t) => internal.has(t) && !agencyDf.get(t));
        const covered = [...matched].reduce((sum, t) => sum + idf(t), 0);
        hits.push({
          sop,
          score: r.score,
          matched: r.queryTerms,
          coverage: Math.min(1, matched.size / queryTerms.size),
          idfCoverage: total > 0 ? Math.min(1, covered / total) : 0,
          internalOnly,
        });
      }
      return hits;
    },
    /** The best internal-only SOP for the question, to escalate when it beats every public one. */
    internalBest: (clientUid: string, text: string, lang: Language = 'en') => bestAside('restricted', clientUid, text, lang),
    /** Whether a customer-facing SOP says what SOP `uid` says in `lang`: it, or a translation of it. */
    hasVersionIn: (uid: string, lang: Language) => (versions.get(`${uid}|${lang}`) ?? 0) > 0,
    /** The best draft or retired SOP for the question: a topic the client has no published answer for. */
    unpublishedBest: (clientUid: string, text: string, lang: Language = 'en') => bestAside('unpublished', clientUid, text, lang),
    /** Does any SOP of this client answer in `lang`? (Otherwise we hand off in that language.) */
    hasLanguage: (clientUid: string, lang: Language) => indexFor(clientUid, lang).search.documentCount > 0,
    get: (uid: string) => sops.get(uid),
    size: () => sops.size,
    /**
     * Documents fed from outside the vault (a client's Chatwoot canned responses), keyed by
     * `source`: replaces everything that source fed last time with `docs`.
     */
    replaceSource(source: string, docs: VaSop[]) {
      const next = new Set(docs.map((d) => d.uid));
      for (const uid of fedBy.get(source) ?? []) {
        if (!next.has(uid) && sops.has(uid)) upsert({ ...sops.get(uid)!, status: 'retired' });
      }
      for (const doc of docs) upsert(doc);
      fedBy.set(source, next);
    },
  };
}
export type SopIndex = Awaited<ReturnType<typeof createSopIndex>>;
