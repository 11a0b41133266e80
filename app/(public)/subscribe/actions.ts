'use server';
import { z } from 'zod';
import { publicFormAction } from '@/lib/actions/action';
import { requestAddress } from '@/lib/auth/request';
import { getDb } from '@/lib/db';
import { t } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/i18n/server';
import { publicBaseUrl } from '@/lib/notices/links';
import { notifyChannels } from '@/lib/channels/senders';
import { confirmChatworkRoom } from '@/lib/services/subscribers/confirm-chatwork';
import { confirmEmailSubscription } from '@/lib/services/subscribers/confirm-email';
import { registerChatworkRoom } from '@/lib/services/subscribers/register-chatwork';
import { emailAddress } from '@/lib/services/subscribers/shared';
import { subscribeByEmail } from '@/lib/services/subscribers/subscribe-email';
import { subscribeSlack } from '@/lib/services/subscribers/subscribe-slack';
import { unsubscribeByToken } from '@/lib/services/subscribers/unsubscribe';
import { updateSubscriptionPreferences } from '@/lib/services/subscribers/update-preferences';
import { checkChoice, choiceFields, toChoice } from './form-fields';

// The public subscription forms. No session: the services check what stands in for one
// (a mailbox, a room's code, a manage token). Errors come back in the visitor's language.

const NS = 'subscribe';

export const subscribeEmailAction = publicFormAction({
  namespace: NS,
  form: z
    .object({ email: emailAddress, ...choiceFields })
    .superRefine(checkChoice)
    .transform((f) => ({ email: f.email, choice: toChoice(f) })),
  run: async (input) =>
    subscribeByEmail({
      ctx: { db: await getDb(), clientAddress: await requestAddress() },
      input: { ...input, locale: await requestLocale() },
    }),
  done: (_result, _input, locale) => ({ message: t(locale, NS)('email.sent') }),
});

export const subscribeSlackAction = publicFormAction({
  namespace: NS,
  form: z
    .object({ webhookUrl: z.string().trim().max(500), ...choiceFields })
    .superRefine(checkChoice)
    .transform((f) => ({ webhookUrl: f.webhookUrl, choice: toChoice(f) })),
  run: async (input) =>
    subscribeSlack({
      ctx: { db: await getDb(), clientAddress: await requestAddress() },
      input: { ...input, locale: await requestLocale() },
    }),
  done: (_result, _input, locale) => ({ message: t(locale, NS)('slack.sent') }),
});

export const registerChatworkAction = publicFormAction({
  namespace: NS,
  form: z
    .object({
      roomId: z
        .string()
        .trim()
        .regex(/^\d{1,20}$/, 'invalid_room_id'),
      ...choiceFields,
    })
    .superRefine(checkChoice)
    .transform((f) => ({ roomId: f.roomId, choice: toChoice(f) })),
  run: async (input) => {
    const db = await getDb();
    return registerChatworkRoom({
      ctx: { db, clientAddress: await requestAddress() },
      input: { ...input, locale: await requestLocale() },
      chatwork: notifyChannels(db).senders.chatwork,
    });
  },
  done: (result, _input, locale) => ({
    message: t(locale, NS)('chatwork.posted', { room: result.roomId }),
  }),
});

export const confirmChatworkAction = publicFormAction({
  namespace: NS,
  form: z.object({
    roomId: z.string().trim().max(20),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'invalid_code'),
  }),
  run: async (input) => {
    const db = await getDb();
    return confirmChatworkRoom({
      ctx: { db, clientAddress: await requestAddress() },
      input,
      chatwork: notifyChannels(db).senders.chatwork,
      baseUrl: publicBaseUrl(),
    });
  },
  done: (result) => ({
    redirectTo: `/manage/${result.manageToken}?confirmed=1`,
  }),
});

export const confirmEmailAction = publicFormAction({
  namespace: NS,
  form: z.object({ token: z.string().max(200) }),
  run: async ({ token }) => confirmEmailSubscription({ ctx: { db: await getDb() }, token }),
  done: (result) => ({
    redirectTo: `/manage/${result.manageToken}?confirmed=1`,
  }),
});

export const savePreferencesAction = publicFormAction({
  namespace: NS,
  form: z
    .object({
      token: z.string().max(100),
      locale: z.enum(['ja', 'en']),
      ...choiceFields,
    })
    .superRefine(checkChoice)
    .transform((f) => ({
      token: f.token,
      locale: f.locale,
      choice: toChoice(f),
    })),
  run: async (input) => updateSubscriptionPreferences({ ctx: { db: await getDb() }, input }),
  done: (_result, input) => ({ message: t(input.locale, NS)('manage.saved') }),
});

export const leaveAction = publicFormAction({
  namespace: NS,
  form: z.object({ token: z.string().max(100) }),
  run: async ({ token }) => unsubscribeByToken({ ctx: { db: await getDb() }, token }),
  done: (_result, _input, locale) => ({
    message: t(locale, NS)('manage.left'),
  }),
});
