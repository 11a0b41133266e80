'use client';
import { ActionForm, SubmitButton, TextField } from '@/app/admin/_ui/forms';
import type { SubscribableGroup } from '@/lib/services/subscribers/subscribable-components';
import { subscribeSlackAction } from '../actions';
import { ComponentChoice, type ChoiceLabels } from './ComponentChoice';

export function SlackForm(props: {
  groups: SubscribableGroup[];
  labels: ChoiceLabels & { url: string; hint: string; submit: string; heading: string };
}) {
  const { labels } = props;
  return (
    <ActionForm action={subscribeSlackAction} aria-label={labels.heading}>
      <TextField name="webhookUrl" label={labels.url} hint={labels.hint} autoComplete="off" maxLength={500} required />
      <ComponentChoice idPrefix="slack" groups={props.groups} labels={labels} />
      <div>
        <SubmitButton>{labels.submit}</SubmitButton>
      </div>
    </ActionForm>
  );
}
