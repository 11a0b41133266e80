import { NextResponse, type NextRequest } from 'next/server';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';

/** Language switch that works without JavaScript: sets the cookie and goes back. */
export function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get('to');
  const back = request.nextUrl.searchParams.get('back') ?? '/';
  // Only same-site paths, never "//host" or a scheme: no open redirect.
  const safeBack = /^\/(?![/\\])/.test(back) ? back : '/';
  const response = new NextResponse(null, { status: 303, headers: { Location: safeBack } });
  if (isLocale(to)) response.cookies.set(LOCALE_COOKIE, to, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax', httpOnly: false });
  return response;
}
