'use server';
import { z } from 'zod';
import { formAction, submittedForm, type ActionState } from '@/lib/actions/action';
import { checkbox, fromForm } from '@/lib/actions/fields';
import { t } from '@/lib/i18n/messages';
import { editBranding, editBrandingInput } from '@/lib/services/branding/edit';
import { removeBrandImage } from '@/lib/services/branding/remove-image';
import { uploadBrandImage } from '@/lib/services/branding/upload-image';

export const editBrandingAction = formAction({
  namespace: 'branding',
  form: fromForm(editBrandingInput.extend({ showCredit: checkbox })),
  run: (ctx, input) => editBranding({ ctx, input }),
  done: (_, __, locale) => ({ message: t(locale, 'branding')('console.saved') }),
});

const upload = formAction({
  namespace: 'branding',
  form: z.object({ kind: z.string(), image: z.string() }),
  run: (ctx, input) => uploadBrandImage({ ctx, input: { kind: input.kind, bytes: Buffer.from(input.image, 'base64') } }),
  done: (_, __, locale) => ({ message: t(locale, 'branding')('console.uploaded') }),
});

/** The file travels to the service as bytes; the service decides what it is (never the browser). */
export async function uploadBrandImageAction(previous: ActionState, submitted: FormData): Promise<ActionState> {
  // A form posted without JavaScript arrives as the only argument.
  const formData = submittedForm(previous, submitted);
  const file = formData.get('file');
  const bytes = file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
  const forwarded = new FormData();
  forwarded.set('kind', String(formData.get('kind') ?? ''));
  forwarded.set('image', bytes.toString('base64'));
  const state = await upload(previous, forwarded);
  return { ...state, values: undefined };
}

export const removeBrandImageAction = formAction({
  namespace: 'branding',
  form: z.object({ kind: z.string() }),
  run: (ctx, input) => removeBrandImage({ ctx, input }),
  done: (_, __, locale) => ({ message: t(locale, 'branding')('console.removed') }),
});
