import { eq } from 'drizzle-orm';
import { subscribers } from '../../../db/schema';
import type { Channel } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { instanceSecret } from '../../notices/secrets';
import { manageToken, verifyConfirmationToken } from '../../notices/tokens';
import { nowOf } from '../context';
import { auditSubscriber, type PublicContext } from './shared';

/** Channels whose subscribers confirm by a signed link: an email, or a post in the Slack channel. */
const CONFIRMED_BY_LINK: readonly Channel[] = ['email', 'slack'];

export type ConfirmationState = 'confirmed' | 'already_confirmed';

/**
 * Double opt-in, step two (the button on the link's page, never the GET itself, so mail scanners
 * that open links confirm nothing). Returns the manage token so the page can link to it.
 */
export async function confirmEmailSubscription({
  ctx,
  token,
}: {
  ctx: PublicContext;
  token: string;
}): Promise<{ state: ConfirmationState; manageToken: string }> {
  const now = nowOf(ctx);
  const key = await instanceSecret(ctx.db, 'subscription-links');
  const check = verifyConfirmationToken(key, token, now);
  if (!check.ok)
    throw new ServiceError(
      check.reason === 'expired' ? 'invalid' : 'not_found',
      check.reason === 'expired' ? 'confirmation_expired' : 'confirmation_invalid',
    );
  return ctx.db.transaction(async (tx) => {
    const [subscriber] = await tx.select().from(subscribers).where(eq(subscribers.id, check.subscriberId)).for('update');
    // A link from before an unsubscribe does not bring the subscription back.
    if (!subscriber || !CONFIRMED_BY_LINK.includes(subscriber.channel) || subscriber.unsubscribedAt)
      throw new ServiceError('not_found', 'confirmation_invalid');
    const manage = manageToken(key, subscriber.id);
    if (subscriber.confirmedAt) return { state: 'already_confirmed' as const, manageToken: manage };
    await tx.update(subscribers).set({ confirmedAt: now }).where(eq(subscribers.id, subscriber.id));
    await auditSubscriber(tx, { action: 'subscriber.confirm', subscriber, at: now });
    return { state: 'confirmed' as const, manageToken: manage };
  });
}

/** Whether a confirmation link is still usable, for the page shown before the button is pressed. */
export async function checkConfirmationLink({
  ctx,
  token,
}: {
  ctx: PublicContext;
  token: string;
}): Promise<'usable' | 'expired' | 'invalid'> {
  const check = verifyConfirmationToken(await instanceSecret(ctx.db, 'subscription-links'), token, nowOf(ctx));
  return check.ok ? 'usable' : check.reason === 'expired' ? 'expired' : 'invalid';
}
