'use server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/action';
import { t } from '@/lib/i18n/messages';
import { resendDeliveries } from '@/lib/services/deliveries/resend';

export const resendAction = formAction({
  namespace: 'notify',
  form: z.object({ deliveryIds: z.array(z.coerce.number().int().positive()).min(1).max(10_000) }),
  run: (ctx, input) => resendDeliveries({ ctx, input }),
  done: (result, _input, locale) => ({ message: t(locale, 'notify')('console.resent', { n: result.requeued }) }),
});
