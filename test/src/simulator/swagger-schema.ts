type Node = Record<string, unknown>;

/** Keywords whose values are data, not subschemas. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'enum', 'const', 'default', 'required', 'description']);
const COMPOSITION = new Set(['allOf', 'anyOf', 'oneOf']);

/**
 * Swagger leaves request objects open (no `additionalProperties`), and Rails drops unknown
 * params silently. To catch a misspelt or invented key we close every object schema that
 * lists `properties` with `unevaluatedProperties: false`. Members of allOf/anyOf/oneOf are
 * skipped, because closing one branch would reject the keys of its siblings.
 * Mutates and returns `schema`: pass a clone.
 */
export function closeObjects<T>(schema: T, inComposition = false): T {
  if (Array.isArray(schema)) {
    for (const item of schema) closeObjects(item, inComposition);
    return schema;
  }
  if (!schema || typeof schema !== 'object') return schema;
  const node = schema as Node;
  if (node.properties && !inComposition && !('additionalProperties' in node) && !('unevaluatedProperties' in node)) {
    node.unevaluatedProperties = false;
  }
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key)) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      for (const child of Object.values(value)) closeObjects(child);
      continue;
    }
    closeObjects(value, COMPOSITION.has(key));
  }
  return schema;
}
