'use client';
import { ActionForm, SubmitButton, TextField } from '@/app/admin/_ui/forms';
import type { SubscribableGroup } from '@/lib/services/subscribers/subscribable-components';
import { subscribeEmailAction } from '../actions';
import { ComponentChoice, type ChoiceLabels } from './ComponentChoice';

export function EmailForm(props: {
  groups: SubscribableGroup[];
  labels: ChoiceLabels & { email: string; hint: string; submit: string; heading: string };
}) {
  const { labels } = props;
  return (
    <ActionForm action={subscribeEmailAction} aria-label={labels.heading}>
      <TextField
        name="email"
        type="email"
        label={labels.email}
        hint={labels.hint}
        autoComplete="email"
        maxLength={254}
        required
      />
      <ComponentChoice idPrefix="email" groups={props.groups} labels={labels} />
      <div>
        <SubmitButton>{labels.submit}</SubmitButton>
      </div>
    </ActionForm>
  );
}
