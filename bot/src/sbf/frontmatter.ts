import { isDeepStrictEqual } from 'node:util';
import { isMap, parse, parseDocument, stringify } from 'yaml';

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Reads a vault note: YAML 1.2 core schema, so timestamps and versions stay strings. */
export function readNote(text: string): { data: Record<string, unknown>; body: string } | null {
  const m = FENCE.exec(text);
  if (!m) return null;
  const data = parse(m[1]!) as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  return { data: data as Record<string, unknown>, body: m[2]!.trim() };
}

/**
 * Writes with YAML 1.1 rules so strings that 1.1 readers (Obsidian, PyYAML, gray-matter)
 * would turn into dates or booleans come out quoted.
 */
export function writeNote(data: Record<string, unknown>, body: string): string {
  return note(stringify(data, { version: '1.1', lineWidth: 0 }), body);
}

const note = (yaml: string, body: string) => (body.trim() ? `---\n${yaml}---\n\n${body.trim()}\n` : `---\n${yaml}---\n`);

/**
 * Writes `data` over a note that is already on disk, changing only the keys whose values changed:
 * the author's comments, key order and the layout of untouched values stay as they wrote them.
 * A file whose frontmatter does not parse as a mapping is written afresh.
 */
export function rewriteNote(previous: string, data: Record<string, unknown>, body: string): string {
  const fence = FENCE.exec(previous);
  const doc = fence ? parseDocument(fence[1]!) : undefined;
  if (!doc || doc.errors.length || !isMap(doc.contents)) return writeNote(data, body);
  const before = doc.toJS() as Record<string, unknown>;
  for (const key of Object.keys(before)) if (!(key in data)) doc.delete(key);
  for (const [key, value] of Object.entries(data)) if (!isDeepStrictEqual(before[key], value)) doc.set(key, value);
  // Untouched values are re-quoted by YAML 1.1 rules too, as writeNote does.
  doc.setSchema('1.1');
  return note(doc.toString({ lineWidth: 0 }), body);
}
