'use server';
import { formAction } from '@/lib/actions/action';
import { fromForm } from '@/lib/actions/fields';
import { removeDemoData, removeDemoInput } from '@/lib/services/demo/remove';

export const removeDemoAction = formAction({
  namespace: 'firstday',
  form: fromForm(removeDemoInput),
  run: (ctx, input) => removeDemoData({ ctx, input }),
  // The section changes once the demo is gone, so the outcome travels in the URL.
  done: () => ({ redirectTo: '/admin/settings?saved=demo-removed' }),
});
