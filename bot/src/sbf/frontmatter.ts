import { parse, stringify } from 'yaml';

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
  const yaml = stringify(data, { version: '1.1', lineWidth: 0 });
  return body.trim() ? `---\n${yaml}---\n\n${body.trim()}\n` : `---\n${yaml}---\n`;
}
