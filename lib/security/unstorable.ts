// PostgreSQL text cannot hold U+0000, jsonb refuses lone UTF-16 surrogates, and no browser or
// honest client sends either (forms even replace lone surrogates): input carrying one is refused
// at the door as malformed, instead of failing inside a transaction as an internal error (a 500).

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (text: string) => !UNSTORABLE.test(text);

/** Where the first unstorable string is in form values or parsed JSON ("incident.name", "alerts.0.labels"), or null. */
export function unstorablePath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return storable(value) ? null : path.join('.') || '_form';
  if (!value || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    if (!storable(key)) return [...path, key].join('.');
    const found = unstorablePath(child, [...path, key]);
    if (found) return found;
  }
  return null;
}
