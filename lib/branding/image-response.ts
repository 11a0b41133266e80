// Uploaded images go out with their checked type, nosniff and a CSP that lets nothing run, so
// even a file a browser might misread as a document could not act as one.

const HARDENING = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

export function imageResponse(request: Request, image: { bytes: Uint8Array; contentType: string; version: string }): Response {
  // A versioned URL (?v=…) never changes; the bare one is revalidated on each visit.
  const versioned = new URL(request.url).searchParams.get('v') === image.version;
  const etag = `"${image.version}"`;
  const headers = {
    ...HARDENING,
    'Content-Type': image.contentType,
    ETag: etag,
    'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.bytes), { status: 200, headers });
}

export function noImageResponse(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...HARDENING, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
}
