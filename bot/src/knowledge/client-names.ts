import { escapeRegExp } from '../regexp.ts';
import { fold } from './analyzer.ts';

/** A client of the agency, as its customers name it. */
export interface NamedClient {
  uid: string;
  title: string;
}

const wordsOf = (s: string) => fold(s).toLowerCase().split(/\s+/).filter(Boolean);
/** A brand this short ("Co", "Dr") is too often just a word. */
const BRAND_LENGTH = 4;

interface Name {
  client: NamedClient;
  /** The whole title from where its first word starts: sticky, case-insensitive. */
  title: RegExp;
  key: string;
  brand: boolean;
}

/**
 * Finds, in a message to one client, the name of another client of the agency: a customer in the
 * wrong chat window ("how do I reset the password for our Acme Cloud workspace?" in Lumen Dental's
 * chat), whose answer, if any, is that client's. A name is the client's whole title, in any case,
 * or its first word (the brand) written with a capital, since a brand may also be a word ("Bloom").
 * Neither the client's own title nor a word of it names another client.
 */
export function createClientNames(clients: NamedClient[]) {
  // Names by their first word, so a message is read once however many clients the agency has.
  const byFirstWord = new Map<string, Name[]>();
  const own = new Map<string, { key: string; words: Set<string> }>();
  for (const client of clients) {
    const words = wordsOf(client.title);
    const first = words[0];
    if (!first) continue;
    const key = words.join(' ');
    own.set(client.uid, { key, words: new Set(words) });
    const title = new RegExp(`${words.map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'iuy');
    const names = byFirstWord.get(first) ?? [];
    names.push({ client, title, key, brand: first.length >= BRAND_LENGTH });
    byFirstWord.set(first, names);
  }

  return function otherClientNamed(clientUid: string, text: string): NamedClient | undefined {
    const mine = own.get(clientUid);
    const folded = fold(text);
    for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
      const word = m[0].toLowerCase();
      for (const name of byFirstWord.get(word) ?? []) {
        if (name.client.uid === clientUid || name.key === mine?.key) continue;
        name.title.lastIndex = m.index;
        if (name.title.test(folded)) return name.client;
        if (name.brand && !mine?.words.has(word) && m[0] !== word) return name.client;
      }
    }
    return undefined;
  };
}
