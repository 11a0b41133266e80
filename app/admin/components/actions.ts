'use server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/action';
import { checkbox, fromForm } from '@/lib/actions/fields';
import { t } from '@/lib/i18n/messages';
import { createComponent, createComponentInput } from '@/lib/services/components/create';
import { editComponent, editComponentInput } from '@/lib/services/components/edit';
import { deleteComponent, deleteComponentInput } from '@/lib/services/components/delete';
import { reorderComponent, reorderComponentInput } from '@/lib/services/components/reorder';
import { setComponentStatus, setComponentStatusInput } from '@/lib/services/components/set-status';
import { createComponentGroup, createGroupInput } from '@/lib/services/components/create-group';
import { editComponentGroup, editGroupInput } from '@/lib/services/components/edit-group';
import { deleteComponentGroup, deleteGroupInput } from '@/lib/services/components/delete-group';
import { reorderComponentGroup, reorderGroupInput } from '@/lib/services/components/reorder-group';

const saved = (key: string) => (_: unknown, __: unknown, locale: 'ja' | 'en') => ({
  message: t(locale, 'admin')(`components.saved.${key}`),
});

export const createComponentAction = formAction({
  namespace: 'services',
  form: fromForm(createComponentInput.extend({ onlyShowIfDegraded: checkbox })),
  run: (ctx, input) => createComponent({ ctx, input }),
  done: saved('created'),
});

export const editComponentAction = formAction({
  namespace: 'services',
  form: fromForm(editComponentInput.extend({ onlyShowIfDegraded: checkbox })),
  run: (ctx, input) => editComponent({ ctx, input }),
  done: saved('edited'),
});

export const deleteComponentAction = formAction({
  form: fromForm(deleteComponentInput),
  run: (ctx, input) => deleteComponent({ ctx, input }),
  done: () => ({ redirectTo: '/admin/components?deleted=1' }),
});

export const reorderComponentAction = formAction({
  form: fromForm(reorderComponentInput),
  run: (ctx, input) => reorderComponent({ ctx, input }),
});

export const setComponentStatusAction = formAction({
  form: fromForm(setComponentStatusInput),
  run: (ctx, input) => setComponentStatus({ ctx, input }),
  done: saved('status'),
});

export const createGroupAction = formAction({
  form: fromForm(createGroupInput),
  run: (ctx, input) => createComponentGroup({ ctx, input }),
  done: saved('groupCreated'),
});

export const editGroupAction = formAction({
  form: fromForm(editGroupInput),
  run: (ctx, input) => editComponentGroup({ ctx, input }),
  done: saved('groupEdited'),
});

export const deleteGroupAction = formAction({
  form: fromForm(deleteGroupInput.extend({ confirm: z.literal('on', { message: 'confirm_required' }) })),
  run: (ctx, { id }) => deleteComponentGroup({ ctx, input: { id } }),
  done: () => ({ redirectTo: '/admin/components?deleted=1' }),
});

export const reorderGroupAction = formAction({
  form: fromForm(reorderGroupInput),
  run: (ctx, input) => reorderComponentGroup({ ctx, input }),
});
