import { createHmac, randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import { instanceSecret } from './secrets';

// A webhook subscriber's signing secret is derived, never stored: HMAC of the subscriber's id
// and a random salt under the installation's 'webhook-signing' key. The API shows it once on
// creation; rotating writes a new salt, which voids the old secret at once.

export function newSigningSalt(): string {
  return randomBytes(16).toString('base64url');
}

export function signingSecret(key: Buffer, subscriberId: string, salt: string): string {
  return `whsec_${createHmac('sha256', key).update(`${subscriberId}:${salt}`).digest('base64')}`;
}

export async function webhookSigningKey(db: DbOrTx): Promise<Buffer> {
  return instanceSecret(db, 'webhook-signing');
}
