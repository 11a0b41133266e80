import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq, isNotNull, not, like } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { users } from '../../../db/schema';
import { env } from '../../env';
import { instanceSecret } from '../../notices/secrets';

// TOTP secrets are stored sealed (AES-256-GCM, bound to the user's id), so a copy of the users
// table, a backup or a log of a row does not hand out second factors. The key comes from
// TOTP_ENCRYPTION_KEY, else SESSION_SECRET (HKDF), else a key kept in the database (which only
// protects a copy of the users table alone; README says to set one of the two).

const PREFIX = 'v1';

/** Where the key material comes from; by default this process's configuration. */
export type TotpKeySource = { dedicated?: string; session?: string };

export function configuredTotpKeySource(): TotpKeySource {
  const config = env();
  return { dedicated: config.TOTP_ENCRYPTION_KEY, session: config.SESSION_SECRET };
}

async function sealingKey(db: DbOrTx, source: TotpKeySource): Promise<Buffer> {
  const material = source.dedicated ?? source.session;
  if (!material) return instanceSecret(db, 'totp-sealing');
  return Buffer.from(hkdfSync('sha256', material, 'shirase', 'totp-secret-sealing', 32));
}

/** Eight hex characters naming the key, so a changed key reads as "unreadable", not as garbage. */
const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export async function sealTotpSecret(
  db: DbOrTx,
  userId: string,
  secret: string,
  source = configuredTotpKeySource(),
): Promise<string> {
  const key = await sealingKey(db, source);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(userId));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [
    PREFIX,
    keyId(key),
    iv.toString('base64url'),
    sealed.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

/** The base32 secret, or null when the value is not sealed with this key for this user. */
export async function openTotpSecret(
  db: DbOrTx,
  userId: string,
  stored: string | null,
  source = configuredTotpKeySource(),
): Promise<string | null> {
  const [prefix, id, iv, sealed, tag] = (stored ?? '').split('.');
  if (prefix !== PREFIX || !tag) return null;
  const key = await sealingKey(db, source);
  if (id !== keyId(key)) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * Data migration run at start after the schema migrations: seals every secret stored before
 * sealing existed (plain base32). Idempotent; returns how many it sealed.
 */
export async function sealPlainTotpSecrets(db: DbOrTx, source = configuredTotpKeySource()): Promise<number> {
  const plain = await db
    .select({ id: users.id, secret: users.totpSecret })
    .from(users)
    .where(and(isNotNull(users.totpSecret), not(like(users.totpSecret, `${PREFIX}.%`))));
  for (const row of plain) {
    const sealed = await sealTotpSecret(db, row.id, row.secret!, source);
    await db
      .update(users)
      .set({ totpSecret: sealed })
      .where(and(eq(users.id, row.id), eq(users.totpSecret, row.secret!)));
  }
  return plain.length;
}
