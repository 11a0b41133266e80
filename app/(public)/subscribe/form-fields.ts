import { z } from 'zod';

// The component choice as the forms post it: a scope radio plus componentIds[] checkboxes.
export const choiceFields = {
  scope: z.enum(['all', 'some']).default('all'),
  componentIds: z.array(z.uuid()).max(200).default([]),
};

type ChoiceForm = { scope: 'all' | 'some'; componentIds: string[] };

export function toChoice(form: ChoiceForm) {
  return form.scope === 'all' ? { scope: 'all' as const } : { scope: 'some' as const, componentIds: form.componentIds };
}

/** "Only the components I choose" with none chosen: said next to the checkboxes. */
export function checkChoice(form: ChoiceForm, ctx: z.RefinementCtx): void {
  if (form.scope === 'some' && form.componentIds.length === 0)
    ctx.addIssue({ code: 'custom', message: 'choose_component', path: ['componentIds'] });
}
