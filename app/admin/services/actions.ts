'use server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/action';
import { fromForm } from '@/lib/actions/fields';
import { t } from '@/lib/i18n/messages';
import { setServiceArchived } from '@/lib/services/services/archive';
import { createService, createServiceInput } from '@/lib/services/services/create';
import { editService, editServiceInput } from '@/lib/services/services/edit';

export const createServiceAction = formAction({
  namespace: 'services',
  form: fromForm(createServiceInput),
  run: (ctx, input) => createService({ ctx, input }),
  done: (result) => ({ redirectTo: `/admin/services/${result.id}?created=1` }),
});

export const editServiceAction = formAction({
  namespace: 'services',
  form: fromForm(editServiceInput),
  run: (ctx, input) => editService({ ctx, input }),
  done: (_, __, locale) => ({ message: t(locale, 'services')('saved') }),
});

export const archiveServiceAction = formAction({
  namespace: 'services',
  form: z.object({ id: z.string(), archived: z.enum(['true', 'false']).transform((v) => v === 'true') }),
  run: (ctx, input) => setServiceArchived({ ctx, input }),
  done: (_, input, locale) => ({ message: t(locale, 'services')(input.archived ? 'archived' : 'restored') }),
});
