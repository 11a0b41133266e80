'use server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/action';
import { t } from '@/lib/i18n/messages';
import { removeSubscriber } from '@/lib/services/subscribers/remove';

export const removeSubscriberAction = formAction({
  namespace: 'notify',
  form: z.object({ id: z.uuid() }),
  run: (ctx, input) => removeSubscriber({ ctx, input }),
  done: (_result, _input, locale) => ({ message: t(locale, 'notify')('console.subscribers.removed') }),
});
