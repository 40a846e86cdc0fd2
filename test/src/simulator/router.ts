/** Path templates in swagger's `{name}` form, shared by the route table, the auth rules and the validator. */

export type PathParams = Record<string, string>;

export interface CompiledTemplate {
  template: string;
  regex: RegExp;
  names: string[];
  /** Fewer placeholders = more specific (`/conversations/meta` beats `/conversations/{id}`). */
  placeholders: number;
}

export function compileTemplate(template: string): CompiledTemplate {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return '([^/]+)';
    })
    .join('');
  return { template, regex: new RegExp(`^${source}/?$`), names, placeholders: names.length };
}

export function matchTemplate(t: CompiledTemplate, path: string): PathParams | null {
  const m = t.regex.exec(path);
  if (!m) return null;
  return Object.fromEntries(t.names.map((name, i) => [name, decodeURIComponent(m[i + 1]!)]));
}
