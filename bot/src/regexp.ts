/** `s` as a regular expression that matches it literally ("us$" → "us\$"). */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
