import { describe, expect, it } from 'vitest';
import { createClientNames } from '../knowledge/client-names.ts';

const clients = [
  { uid: 'acme', title: 'Acme Cloud' },
  { uid: 'bloom', title: 'Bloom & Co' },
  { uid: 'kora', title: 'Kora Fitness' },
  { uid: 'lumen', title: 'Lumen Dental' },
  { uid: 'acme-dental', title: 'Acme Dental Labs' },
  { uid: 'acme-eu', title: 'Acme Cloud' },
];
const otherClientNamed = createClientNames(clients);

describe('otherClientNamed', () => {
  it.each<[string, string, string, string | undefined]>([
    ['the whole title, in any case', 'lumen', 'sorry, wrong window: how do I reset the password for our acme cloud workspace?', 'acme'],
    ['the brand with a capital', 'acme', "what's the no-show fee for spin class at Kora?", 'kora'],
    ['the brand in capitals', 'bloom', 'is this KORA? need to freeze my membership', 'kora'],
    ['the brand before a place', 'acme', 'wrong chat maybe, but is Kora Oerlikon open Easter Monday?', 'kora'],
    ['accents folded', 'kora', 'c’est bien Lúmen Dental ici ?', 'lumen'],
    ['a title spread over lines', 'kora', 'hi is this Lumen\nDental?', 'lumen'],
    ['the brand as a plain word', 'acme', 'the tulips should bloom by Friday, can the task wait till then?', undefined],
    ['the brand inside another word', 'bloom', 'do you deliver to Koraline Street?', undefined],
    ['the client itself', 'kora', 'does Kora accept american express?', undefined],
    ['a brand shared with the own title', 'acme', 'is the Acme mobile app free?', undefined],
    ['a short brand alone', 'kora', 'my Co-worker wants a guest pass', undefined],
    ['another client sharing the brand, by its whole title', 'acme', 'our Acme Dental Labs account is separate, right?', 'acme-dental'],
    ['no client named', 'lumen', 'can I move my cleaning to next week?', undefined],
    ['a client with the own title (a second account of the same business)', 'acme', 'is Acme Cloud down?', undefined],
  ])('%s', (_, client, text, expected) => {
    expect(otherClientNamed(client, text)?.uid).toBe(expected);
  });

  it('knows no client when the agency has none', () => {
    expect(createClientNames([])('acme', 'is this Kora Fitness?')).toBeUndefined();
  });
});
