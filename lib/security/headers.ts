// Security headers for every response. Scripts are allowed only by nonce (pages Next
// renders per request) or by hash (pages served from pre-rendered bytes): never 'unsafe-inline'.

/** Paths meant to be framed by other sites (the embeddable status widget). */
export function isEmbeddable(pathname: string): boolean {
  return pathname === '/embed' || pathname.startsWith('/embed/');
}

export function contentSecurityPolicy(options: {
  nonce?: string;
  scriptHashes?: string[];
  embeddable: boolean;
  dev?: boolean;
}): string {
  const scriptSources = ["'self'"];
  if (options.nonce) scriptSources.push(`'nonce-${options.nonce}'`, "'strict-dynamic'");
  for (const hash of options.scriptHashes ?? []) scriptSources.push(`'${hash}'`);
  if (options.dev) scriptSources.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${scriptSources.join(' ')}`,
    // React sets style attributes; styles cannot run code, so inline styles stay allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.embeddable ? '*' : "'none'"}`,
  ].join('; ');
}

export function securityHeaders(options: { embeddable: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (!options.embeddable) headers['X-Frame-Options'] = 'DENY';
  return headers;
}
