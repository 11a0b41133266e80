'use server';
import { formAction } from '@/lib/actions/action';
import { fromForm } from '@/lib/actions/fields';
import { t } from '@/lib/i18n/messages';
import { createTemplate, createTemplateInput } from '@/lib/services/templates/create';
import { editTemplate, editTemplateInput } from '@/lib/services/templates/edit';
import { deleteTemplate, deleteTemplateInput } from '@/lib/services/templates/delete';

export const createTemplateAction = formAction({
  form: fromForm(createTemplateInput),
  run: (ctx, input) => createTemplate({ ctx, input }),
  done: (_, __, locale) => ({ message: t(locale, 'admin')('templates.saved.created') }),
});

export const editTemplateAction = formAction({
  form: fromForm(editTemplateInput),
  run: (ctx, input) => editTemplate({ ctx, input }),
  done: (_, __, locale) => ({ message: t(locale, 'admin')('templates.saved.edited') }),
});

export const deleteTemplateAction = formAction({
  form: fromForm(deleteTemplateInput),
  run: (ctx, input) => deleteTemplate({ ctx, input }),
  done: () => ({ redirectTo: '/admin/templates?deleted=1' }),
});
