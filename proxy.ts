import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, isEmbeddable, securityHeaders } from './lib/security/headers';

// A fresh nonce per request: Next puts it on its own scripts when it finds it in the
// request's Content-Security-Policy header.
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const embeddable = isEmbeddable(request.nextUrl.pathname);
  const csp = contentSecurityPolicy({ nonce, embeddable, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(securityHeaders({ embeddable }))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
