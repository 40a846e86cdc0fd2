import { fold } from './analyzer.ts';

/** A client of the agency, as its customers name it. */
export interface NamedClient {
  uid: string;
  title: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(fold(s)).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
/** A brand this short ("Co", "Dr") is too often just a word. */
const BRAND_LENGTH = 4;

/**
 * Finds, in a message to one client, the name of another client of the agency: a customer in the
 * wrong chat window ("how do I reset the password for our Acme Cloud workspace?" in Lumen Dental's
 * chat), whose answer, if any, is that client's. A name is the client's whole title, in any case,
 * or its first word (the brand) written with a capital, since a brand may also be a word ("Bloom").
 * A word of the client's own title never names another.
 */
export function createClientNames(clients: NamedClient[]) {
  const named = clients.map((c) => {
    const brand = c.title.split(/\s+/)[0] ?? '';
    return { client: c, title: word(c.title), brand: brand.length >= BRAND_LENGTH ? { text: fold(brand).toLowerCase(), re: word(brand) } : undefined };
  });
  const ownWords = new Map(clients.map((c) => [c.uid, new Set(fold(c.title).toLowerCase().split(/\s+/))]));

  return function otherClientNamed(clientUid: string, text: string): NamedClient | undefined {
    const folded = fold(text);
    const own = ownWords.get(clientUid);
    for (const { client, title, brand } of named) {
      if (client.uid === clientUid) continue;
      if (folded.match(title)) return client;
      if (brand && !own?.has(brand.text) && folded.match(brand.re)?.some((m) => m[0] !== m[0]!.toLowerCase())) return client;
    }
    return undefined;
  };
}
