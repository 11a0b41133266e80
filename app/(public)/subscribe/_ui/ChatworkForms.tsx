'use client';
import { useEffect, useState } from 'react';
import { ActionForm, SubmitButton, TextField, useFormOutcome } from '@/app/admin/_ui/forms';
import type { SubscribableGroup } from '@/lib/services/subscribers/subscribable-components';
import { confirmChatworkAction, registerChatworkAction } from '../actions';
import { ComponentChoice, type ChoiceLabels } from './ComponentChoice';

type Labels = ChoiceLabels & {
  heading: string;
  roomId: string;
  roomIdHint: string;
  submit: string;
  code: string;
  confirm: string;
};

/** Step one posts a code into the room; once it was posted, step two takes the code. */
export function ChatworkForms(props: { groups: SubscribableGroup[]; labels: Labels }) {
  const { labels } = props;
  const [roomId, setRoomId] = useState('');
  const [posted, setPosted] = useState<string | null>(null);
  return (
    <>
      <div
        onChange={(e) =>
          (e.target as HTMLInputElement).name === 'roomId' && setRoomId((e.target as HTMLInputElement).value.trim())
        }
      >
        <ActionForm action={registerChatworkAction} aria-label={labels.heading}>
          <TextField name="roomId" label={labels.roomId} hint={labels.roomIdHint} maxLength={20} required />
          <ComponentChoice idPrefix="chatwork" groups={props.groups} labels={labels} />
          <div>
            <SubmitButton>{labels.submit}</SubmitButton>
          </div>
          <WhenPosted onPosted={() => setPosted(roomId)} />
        </ActionForm>
      </div>
      {posted && (
        <ActionForm action={confirmChatworkAction} aria-label={labels.confirm} className="form code-form">
          <input type="hidden" name="roomId" value={posted} />
          <TextField name="code" label={labels.code} maxLength={6} autoComplete="one-time-code" required />
          <div>
            <SubmitButton>{labels.confirm}</SubmitButton>
          </div>
        </ActionForm>
      )}
    </>
  );
}

function WhenPosted({ onPosted }: { onPosted: () => void }) {
  const outcome = useFormOutcome();
  useEffect(() => {
    if (outcome.status === 'ok') onPosted();
    // Only a new outcome counts, not a re-render with the same one.
  }, [outcome]);
  return null;
}
