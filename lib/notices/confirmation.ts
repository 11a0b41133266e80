import type { DbOrTx } from '../../db/client';
import { deliveries, notificationMessages } from '../../db/schema';
import { currentHead } from '../evidence/heads';
import { publishChange } from '../events/publish';
import type { ConfirmationPayload } from './payload';

/** How long a double opt-in link works. */
export const CONFIRMATION_TTL_MS = 48 * 60 * 60 * 1000;

/**
 * Queues the double opt-in email for one (unconfirmed) subscriber through the outbox, so it gets
 * the same retries and evidence as any notice. The payload holds only the expiry: the signed
 * token is derived when the mail is rendered and never stored.
 */
export async function enqueueConfirmationEmail(
  tx: DbOrTx,
  input: {
    pageId: string;
    subscriberId: string;
    timeZone: string;
    at: Date;
    /** Slack channels confirm by the same link, posted to them. */ channel?: 'email' | 'slack';
  },
): Promise<void> {
  const payload: ConfirmationPayload = {
    expiresAt: new Date(input.at.getTime() + CONFIRMATION_TTL_MS).toISOString(),
    timeZone: input.timeZone,
  };
  const head = await currentHead(tx);
  const [message] = await tx
    .insert(notificationMessages)
    // Addressed to one person: its single delivery is written here, never fanned out.
    .values({
      pageId: input.pageId,
      type: 'subscription_confirmation',
      payload,
      createdAt: input.at,
      fannedOutAt: input.at,
      evidenceSeq: head?.seq ?? null,
      evidenceHash: head?.hash ?? null,
    })
    .returning({ id: notificationMessages.id });
  await tx.insert(deliveries).values({
    messageId: message.id,
    subscriberId: input.subscriberId,
    channel: input.channel ?? 'email',
    queuedAt: input.at,
    nextAttemptAt: input.at,
  });
  await publishChange(tx, { type: 'deliveries', pageId: input.pageId, messageId: message.id });
}
