import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';

/** A JSON-lines file that cannot be read, or whose line `line` (1-based) is not what it should be. */
export class JsonlError extends Error {}

/** A JSON-lines file, every non-blank line checked against `schema`; the first bad line throws. */
export function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  let lines: string[];
  try {
    lines = readFileSync(resolve(path), 'utf8').split('\n');
  } catch (err) {
    throw new JsonlError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const out: T[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new JsonlError(`${path}:${i + 1}: not valid JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new JsonlError(`${path}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    out.push(parsed.data);
  });
  return out;
}
