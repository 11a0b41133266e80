import 'server-only';
import { cookies, headers } from 'next/headers';
import { env } from '../env';
import { REMOTE_ADDRESS_HEADER } from '../security/client-address';

/** Set by lib/runtime/http-server.ts from the socket, replacing anything the client sent. */
export const SESSION_COOKIE = 'shirase_session';
/** Carries the signed "password checked" challenge between the two sign-in steps. */
export const CHALLENGE_COOKIE = 'shirase_sign_in_challenge';

export async function requestAddress(): Promise<string> {
  return (await headers()).get(REMOTE_ADDRESS_HEADER) ?? 'unknown';
}

/** Secure cookies when the visitor came over HTTPS (directly or through a proxy) or the site is https. */
async function isSecureRequest(): Promise<boolean> {
  const proto = (await headers()).get('x-forwarded-proto');
  return proto?.split(',')[0].trim() === 'https' || (env().PUBLIC_BASE_URL?.startsWith('https://') ?? false);
}

export async function readSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: await isSecureRequest(),
    path: '/',
    expires: expiresAt,
  });
}

export async function readChallengeCookie(): Promise<string | undefined> {
  return (await cookies()).get(CHALLENGE_COOKIE)?.value;
}

export async function setChallengeCookie(challenge: string | null, expiresAt?: Date): Promise<void> {
  (await cookies()).set(CHALLENGE_COOKIE, challenge ?? '', {
    httpOnly: true,
    sameSite: 'strict',
    secure: await isSecureRequest(),
    path: '/admin/sign-in',
    ...(challenge && expiresAt ? { expires: expiresAt } : { maxAge: 0 }),
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: await isSecureRequest(),
    path: '/',
    maxAge: 0,
  });
}

/** Base of links in mail (invitations): PUBLIC_BASE_URL, else the host this request came to. */
export async function siteBaseUrl(): Promise<string> {
  const configured = env().PUBLIC_BASE_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const h = await headers();
  const proto = h.get('x-forwarded-proto')?.split(',')[0].trim() ?? 'http';
  return `${proto}://${h.get('host') ?? 'localhost'}`;
}
