import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { subscribers } from '../../db/schema';
import { enqueueSystemMail } from '../channels/system-outbox';
import type { Locale } from '../i18n/locales';
import { t } from '../i18n/messages';

// A webhook endpoint whose delivery was given up (retries exhausted, 410 Gone, or a private
// address) is switched off, so the next notices are not tried against it for another half
// hour each, and the contact email given with it is told once, in the subscriber's language.

export interface DeadEndpoint {
  subscriberId: string;
  endpoint: string;
  contactEmail: string | null;
  locale: Locale;
  error: string;
}

export async function deadLetterEndpoints(tx: Tx, endpoints: DeadEndpoint[], now: Date): Promise<void> {
  for (const dead of endpoints) {
    const [disabled] = await tx
      .update(subscribers)
      .set({ disabledAt: now, disabledReason: dead.error.slice(0, 200) })
      .where(and(eq(subscribers.id, dead.subscriberId), isNull(subscribers.disabledAt)))
      .returning({ id: subscribers.id });
    if (!disabled || !dead.contactEmail) continue;
    const tr = t(dead.locale, 'webhooks');
    await enqueueSystemMail(
      tx,
      [
        {
          to: dead.contactEmail,
          subject: tr('deadLetter.subject'),
          text: tr('deadLetter.text', { endpoint: dead.endpoint, error: dead.error.slice(0, 200) }),
        },
      ],
      now,
    );
  }
}
