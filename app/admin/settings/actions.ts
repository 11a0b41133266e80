'use server';
import { formAction } from '@/lib/actions/action';
import { fromForm } from '@/lib/actions/fields';
import { t } from '@/lib/i18n/messages';
import { editPage, editPageInput } from '@/lib/services/settings/edit-page';

export const editPageAction = formAction({
  form: fromForm(editPageInput),
  run: (ctx, input) => editPage({ ctx, input }),
  done: (_, __, locale) => ({ message: t(locale, 'admin')('settings.saved') }),
});
