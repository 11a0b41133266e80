import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { t } from '../../i18n/messages';
import { chatworkInfoBlock } from '../../channels/chatwork-notation';
import type { ChannelSender } from '../../channels/types';
import { subscriptionLinks } from '../../notices/links';
import { instanceSecret } from '../../notices/secrets';
import { confirmationCodeMatches, manageToken } from '../../notices/tokens';
import { resolvePage } from '../../pages/context';
import { localized } from '../../i18n/localized';
import { nowOf } from '../context';
import { parseInput } from '../parse-input';
import { CHATWORK_CODE_MAX_ATTEMPTS, CHATWORK_CODE_TTL_MS, chatworkRoomId } from './register-chatwork';
import { admitChatworkGuess } from './abuse-limits';
import { auditSubscriber, visitorOf, type PublicContext } from './shared';

const input = z.object({
  roomId: chatworkRoomId,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'invalid_code'),
});

type Outcome =
  | { kind: 'confirmed'; subscriber: typeof subscribers.$inferSelect }
  | { kind: 'wrong'; left: number }
  | { kind: 'void'; reason: string };

/**
 * Chatwork, step two: the code from the room makes the subscription active. A wrong code counts
 * (committed even though the call fails); after five, or after 30 minutes, the code is void and a
 * new one must be requested; a room gets 10 guesses a day however many codes it asks for. On success the room gets its manage link (best effort).
 */
export async function confirmChatworkRoom({
  ctx,
  input: raw,
  chatwork,
  baseUrl,
}: {
  ctx: PublicContext;
  input: unknown;
  chatwork?: ChannelSender;
  baseUrl: string;
}) {
  const parsed = parseInput(input, raw);
  const now = nowOf(ctx);
  await admitChatworkGuess(ctx.db, { roomId: parsed.roomId, clientAddress: visitorOf(ctx), now });
  const key = await instanceSecret(ctx.db, 'subscription-links');
  const { outcome, page } = await ctx.db.transaction(async (tx) => {
    const page = await resolvePage(tx);
    const [subscriber] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.pageId, page.id), eq(subscribers.channel, 'chatwork'), eq(subscribers.address, parsed.roomId)))
      .for('update');
    const judge = async (): Promise<Outcome> => {
      if (!subscriber?.confirmCodeHash || !subscriber.confirmationSentAt)
        return { kind: 'void', reason: 'chatwork_code_missing' };
      if (now.getTime() - subscriber.confirmationSentAt.getTime() > CHATWORK_CODE_TTL_MS)
        return { kind: 'void', reason: 'chatwork_code_expired' };
      if (confirmationCodeMatches(key, subscriber.id, parsed.code, subscriber.confirmCodeHash)) {
        const [confirmed] = await tx
          .update(subscribers)
          .set({ confirmedAt: now, confirmCodeHash: null, confirmAttempts: 0 })
          .where(eq(subscribers.id, subscriber.id))
          .returning();
        await auditSubscriber(tx, { action: 'subscriber.confirm', subscriber, at: now });
        return { kind: 'confirmed', subscriber: confirmed };
      }
      const attempts = subscriber.confirmAttempts + 1;
      const exhausted = attempts >= CHATWORK_CODE_MAX_ATTEMPTS;
      await tx
        .update(subscribers)
        .set({ confirmAttempts: attempts, ...(exhausted ? { confirmCodeHash: null } : {}) })
        .where(eq(subscribers.id, subscriber.id));
      return exhausted
        ? { kind: 'void', reason: 'chatwork_code_exhausted' }
        : { kind: 'wrong', left: CHATWORK_CODE_MAX_ATTEMPTS - attempts };
    };
    return { outcome: await judge(), page };
  });

  if (outcome.kind === 'wrong') throw new ServiceError('invalid', 'chatwork_code_wrong', { code: ['chatwork_code_wrong'] });
  if (outcome.kind === 'void') throw new ServiceError('invalid', outcome.reason, { code: [outcome.reason] });
  const { subscriber } = outcome;
  const manage = manageToken(key, subscriber.id);
  if (chatwork) {
    const tr = t(subscriber.locale, 'notify');
    const pageName = localized(subscriber.locale, page.name, page.nameEn);
    const body = chatworkInfoBlock(
      tr('chatwork.confirmedTitle', { page: pageName }),
      tr('chatwork.confirmedBody', { url: subscriptionLinks.manage(baseUrl, manage) }),
    );
    await chatwork.send({
      batchKey: randomUUID(),
      message: { text: body },
      recipients: [{ recipientId: 'welcome', address: subscriber.address }],
    });
  }
  return { manageToken: manage };
}
