import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

// TOTP (RFC 6238, via otpauth) with single-use recovery codes. A code's 30-second step is
// remembered once used, so a code seen over a shoulder or in a log cannot be replayed.

export const RECOVERY_CODE_COUNT = 10;
const PERIOD = 30;

function totp(secret: string, label = 'Shirase') {
  return new OTPAuth.TOTP({
    issuer: 'Shirase',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads, and the same as an SVG QR code (drawn here, no network). */
export async function enrolmentCodes(secret: string, account: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = totp(secret, account).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, qrSvg };
}

/** The step a valid code belongs to (±1 step for clock drift), or null; never one at or before `lastStep`. */
export function acceptedStep(secret: string, code: string, lastStep: number | null, now: Date): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Ten codes like "4f7c-92ab-d10e", shown once; only their hashes are kept. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    randomBytes(6)
      .toString('hex')
      .replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3'),
  );
  return { codes, hashes: codes.map(recoveryCodeHash) };
}

export function recoveryCodeHash(code: string): string {
  return createHash('sha256')
    .update(
      code
        .trim()
        .toLowerCase()
        .replace(/[^0-9a-f]/g, ''),
    )
    .digest('hex');
}

/** "Password checked for user X until T", signed: the second step trusts nothing else. */
export function signChallenge(key: Buffer, userId: string, expiresAt: Date): string {
  const body = `${userId}.${expiresAt.getTime()}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

export function readChallenge(key: Buffer, challenge: string | undefined, now: Date): string | null {
  if (!challenge || challenge.length > 200) return null;
  const [userId, expires, mac] = challenge.split('.');
  if (!userId || !expires || !mac) return null;
  const expected = createHmac('sha256', key).update(`${userId}.${expires}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expires) > now.getTime() ? userId : null;
}
