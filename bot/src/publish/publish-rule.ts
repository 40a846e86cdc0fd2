import type { VaSop } from '@sbf-chatwoot/shared';

/**
 * SBF.md §7: only SOPs with `sensitivity.level: public` and `status: published` go to the Help
 * Center; an archived lifecycle takes a SOP out as well.
 */
export function isPublishable(sop: VaSop): boolean {
  return sop.sensitivity?.level === 'public' && sop.status === 'published' && sop.lifecycle?.state !== 'archived';
}

export type Takedown = 'archive' | 'delete';

/**
 * How an article whose SOP may no longer be shown leaves the Help Center (undefined: nothing to do).
 *
 * - The SOP is no longer public (personal, confidential, secret): **DELETE**. Chatwoot's public
 *   article page does not check the status, so an archived article stays readable at its URL;
 *   text that is no longer public has to be gone.
 * - The SOP is still public but retired, back in draft/review, or archived: **PATCH status
 *   archived**. That keeps the article id, its views and translation links, a human can restore
 *   it in Chatwoot, and republishing the SOP brings the same article back at the same URL.
 */
export function takedownFor(sop: VaSop): Takedown | undefined {
  const pub = sop.publish;
  if (isPublishable(sop) || !pub?.article_id) return undefined;
  if (sop.sensitivity?.level !== 'public') return 'delete';
  return pub.status === 'archived' ? undefined : 'archive';
}

/** Originals before translations, so a translation can point at its English article. */
export function publishOrder(sops: VaSop[]): VaSop[] {
  const isTranslation = (s: VaSop) => typeof s.translation_of === 'string';
  return [...sops].sort((a, b) => Number(isTranslation(a)) - Number(isTranslation(b)) || a.uid.localeCompare(b.uid));
}
