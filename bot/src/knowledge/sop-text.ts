import type { VaSop } from '@sbf-chatwoot/shared';
import { citation } from '../escalation/handoff-message.ts';
import type { Language } from './language.ts';

/** Splits a SOP body into `## Heading` sections (heading lower-cased). */
function sections(body: string): Map<string, string> {
  const out = new Map<string, string>();
  let name = '';
  let lines: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    const h = /^##\s+(.+?)\s*$/.exec(line);
    if (h) {
      if (lines.length) out.set(name, lines.join('\n').trim());
      name = h[1]!.toLowerCase();
      lines = [];
    } else lines.push(line);
  }
  if (lines.length) out.set(name, lines.join('\n').trim());
  return out;
}

const isInternal = (heading: string) => /\b(internal|va only|va-only|staff)\b/.test(heading);

/**
 * The customer-facing text of a SOP: its `## Answer` section, else every section that is not
 * internal, else the steps. Internal sections never leave this function.
 */
export function customerText(sop: VaSop): string {
  const secs = sections(sop.content ?? '');
  const answer = secs.get('answer');
  if (answer) return answer;
  const publicParts = [...secs].filter(([h, text]) => !isInternal(h) && text).map(([, text]) => text);
  if (publicParts.length) return publicParts.join('\n\n');
  return sop.steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

/** The VA-only sections of a SOP (`## Internal` and the like): read to notice cases, never quoted. */
export function internalText(sop: VaSop): string {
  return [...sections(sop.content ?? '')].filter(([h]) => isInternal(h)).map(([, text]) => text).join('\n');
}

/** A text's sentences and lines, trimmed, empty ones left out. */
export const sentencesOf = (text: string): string[] =>
  text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);

/** SOPs the bot may quote to customers: published and not confidential. */
export function isCustomerFacing(sop: VaSop): boolean {
  const level = sop.sensitivity?.level;
  const isPublic = level === undefined || level === 'public' || (typeof level === 'number' && level <= 1);
  return isPublic && (sop.status === undefined || sop.status === 'published');
}

/**
 * A SOP answer as the customer reads it, from the bot or a VA: the SOP's customer text (or the
 * composer's wording of it) and the citation, in the answer's language.
 */
export function citedAnswer(sop: VaSop, lang: Language, text = customerText(sop)): string {
  return `${text}\n\n${citation(lang, sop.title, sop.publish?.url)}`;
}
