'use server';
import { formAction } from '@/lib/actions/action';
import { fromForm } from '@/lib/actions/fields';
import { t } from '@/lib/i18n/messages';
import { createApiKey, createApiKeyInput } from '@/lib/services/api-keys/create';
import { revokeApiKey, revokeApiKeyInput } from '@/lib/services/api-keys/revoke';

/** On success the message is the new key itself: CreateKeyForm shows it once, for copying. */
export const createApiKeyAction = formAction({
  namespace: 'api',
  form: fromForm(createApiKeyInput),
  run: (ctx, input) => createApiKey({ ctx, input }),
  done: (created) => ({ message: created.key }),
});

export const revokeApiKeyAction = formAction({
  namespace: 'api',
  form: fromForm(revokeApiKeyInput),
  run: (ctx, input) => revokeApiKey({ ctx, input }),
  done: (revoked, _input, locale) => ({ message: t(locale, 'api')('keys.revokedMessage', { name: revoked.name }) }),
});
