// Where a `back`/`next` parameter may send the browser: a path on this site, nothing else.
// Browsers drop tabs and newlines inside URLs and read `\` as `/`, so `/\t/evil.example` and
// `/\evil.example` are other sites to them; raw non-ASCII cannot go into a Location header.
// The candidate is parsed the way a browser would and re-serialised (percent-encoded).

const BASE = 'http://same-site.invalid';
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/;

/** The candidate as a same-site path (with its query and fragment), or `fallback`. */
export function sameSitePath(candidate: string | null | undefined, fallback = '/'): string {
  if (!candidate || !candidate.startsWith('/') || CONTROL_OR_BACKSLASH.test(candidate)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example": protocol-relative, another site.
  return path.startsWith('//') ? fallback : path;
}
