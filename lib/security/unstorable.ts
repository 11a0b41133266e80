// PostgreSQL text cannot hold U+0000, jsonb refuses lone UTF-16 surrogates, and XML (the feeds,
// iCal readers) cannot carry the other C0 controls or U+FFFE/U+FFFF. No browser or honest client
// sends them in text: input carrying one is refused at the door as malformed, instead of failing
// inside a transaction (a 500) or making every feed reader reject the feed.

const UNSTORABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
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
