import { escapeRegExp } from '../regexp.ts';

/** `va.task` + client `va-client-acme-001` → prefix `va-task-acme`. */
export function uidPrefix(type: string, clientUid?: string): string {
  const typePart = type === 'va.customer_support' ? 'va-support' : type.replace(/\./g, '-').replace(/_/g, '');
  const slug = clientUid ? clientSlug(clientUid) : 'generic';
  return `${typePart}-${slug}`;
}

/** `va-client-acme-corp-001` → `acme-corp`; also accepts SBF's random-hex suffix form. */
export function clientSlug(clientUid: string): string {
  return clientUid
    .replace(/^va-client-/, '')
    .replace(/-(\d{3,}|[0-9a-f]{12})$/, '')
    .replace(/[^a-z0-9-]+/g, '-');
}

/** Next `-NNN` after the highest counter already used with this prefix. */
export function nextUid(prefix: string, existing: Iterable<string>): string {
  let max = 0;
  const re = new RegExp(`^${escapeRegExp(prefix)}-(\\d{3,})$`);
  for (const uid of existing) {
    const m = re.exec(uid);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${String(max + 1).padStart(3, '0')}`;
}
