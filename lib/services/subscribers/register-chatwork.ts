import { randomInt, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { t } from '../../i18n/messages';
import { chatworkInfoBlock } from '../../channels/chatwork-notation';
import type { ChannelSender } from '../../channels/types';
import { instanceSecret } from '../../notices/secrets';
import { hashConfirmationCode } from '../../notices/tokens';
import { resolvePage } from '../../pages/context';
import { localized } from '../../i18n/localized';
import { nowOf } from '../context';
import { parseInput } from '../parse-input';
import { admitChatworkRegistration } from './abuse-limits';
import {
  applyComponentChoice,
  auditSubscriber,
  componentChoiceSchema,
  localeSchema,
  newSubscriberIdentity,
  visitorOf,
  type PublicContext,
} from './shared';

export const CHATWORK_CODE_TTL_MS = 30 * 60 * 1000;
export const CHATWORK_CODE_MAX_ATTEMPTS = 5;
/** A new code for the same room waits this long, so the form cannot be used to flood a room. */
export const CHATWORK_CODE_RESEND_MS = 60 * 1000;

export const chatworkRoomId = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, 'invalid_room_id');

const input = z.object({ roomId: chatworkRoomId, locale: localeSchema, choice: componentChoiceSchema });

/**
 * Chatwork, step one: the service account posts a 6-digit code into the room; only the room's
 * members can read it. The code is stored hashed (keyed per subscriber) and posted right away,
 * so the person learns at once if the account cannot post there. Posting spends the bot's
 * Chatwork quota, so registrations are limited per visitor and room and wait behind notices.
 */
export async function registerChatworkRoom({
  ctx,
  input: raw,
  chatwork,
}: {
  ctx: PublicContext;
  input: unknown;
  chatwork: ChannelSender | undefined;
}) {
  if (!chatwork) throw new ServiceError('unavailable', 'chatwork_off');
  const parsed = parseInput(input, raw);
  const now = nowOf(ctx);
  await admitChatworkRegistration(ctx.db, { roomId: parsed.roomId, clientAddress: visitorOf(ctx), now });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const [identity, key] = await Promise.all([newSubscriberIdentity(ctx.db), instanceSecret(ctx.db, 'subscription-links')]);

  const page = await ctx.db.transaction(async (tx) => {
    const page = await resolvePage(tx);
    const [existing] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.pageId, page.id), eq(subscribers.channel, 'chatwork'), eq(subscribers.address, parsed.roomId)))
      .for('update');
    if (existing?.confirmedAt && !existing.unsubscribedAt && !existing.disabledAt)
      throw new ServiceError('conflict', 'chatwork_already_subscribed');
    if (existing?.confirmationSentAt && now.getTime() - existing.confirmationSentAt.getTime() < CHATWORK_CODE_RESEND_MS) {
      throw new ServiceError('rate_limited', 'chatwork_code_recent');
    }
    const id = existing?.id ?? identity.id;
    const pending = {
      locale: parsed.locale,
      confirmCodeHash: hashConfirmationCode(key, id, code),
      confirmAttempts: 0,
      confirmationSentAt: now,
      confirmedAt: null,
      unsubscribedAt: null,
      disabledAt: null,
      disabledReason: null,
    };
    const [subscriber] = existing
      ? await tx.update(subscribers).set(pending).where(eq(subscribers.id, id)).returning()
      : await tx
          .insert(subscribers)
          .values({ ...identity, ...pending, pageId: page.id, channel: 'chatwork', address: parsed.roomId, createdAt: now })
          .returning();
    await applyComponentChoice(tx, subscriber, parsed.choice);
    await auditSubscriber(tx, { action: 'subscriber.chatwork_code', subscriber, after: { scope: parsed.choice.scope }, at: now });
    return page;
  });

  const tr = t(parsed.locale, 'notify');
  const pageName = localized(parsed.locale, page.name, page.nameEn);
  const body = chatworkInfoBlock(
    tr('chatwork.codeTitle', { page: pageName }),
    tr('chatwork.codeBody', { code, minutes: CHATWORK_CODE_TTL_MS / 60_000 }),
  );
  const [result] = await chatwork.send({
    batchKey: randomUUID(),
    message: { text: body },
    recipients: [{ recipientId: 'code', address: parsed.roomId }],
  });
  if (result.outcome !== 'sent') {
    // Nobody saw this code: void it, and let the person try again at once.
    await ctx.db
      .update(subscribers)
      .set({ confirmCodeHash: null, confirmationSentAt: null })
      .where(and(eq(subscribers.pageId, page.id), eq(subscribers.channel, 'chatwork'), eq(subscribers.address, parsed.roomId)));
  }
  if (result.outcome === 'permanent')
    throw new ServiceError('invalid', 'chatwork_room_unreachable', { roomId: ['chatwork_room_unreachable'] });
  if (result.outcome !== 'sent') throw new ServiceError('unavailable', 'chatwork_unavailable');
  return { roomId: parsed.roomId };
}
