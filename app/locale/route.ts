import { NextResponse, type NextRequest } from 'next/server';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';
import { sameSitePath } from '@/lib/security/same-site-path';

/** Language switch that works without JavaScript: sets the cookie and goes back (same site only). */
export function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get('to');
  const response = new NextResponse(null, {
    status: 303,
    headers: { Location: sameSitePath(request.nextUrl.searchParams.get('back')) },
  });
  if (isLocale(to))
    response.cookies.set(LOCALE_COOKIE, to, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax', httpOnly: false });
  return response;
}
