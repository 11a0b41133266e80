'use client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import type { ActionState } from '@/lib/actions/action';

type Labels = {
  name: string;
  nameHint: string;
  role: string;
  roleOperator: string;
  roleAdmin: string;
  submit: string;
  created: string;
  copy: string;
  copied: string;
  keyLabel: string;
};

/** Creates a key and shows it exactly once, in a read-only field with a copy button. */
export function CreateKeyForm({
  action,
  labels,
}: {
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
  labels: Labels;
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const copied = useRef<HTMLSpanElement>(null);
  const nameError = state.fieldErrors?.name;
  // Same marker as the console's other forms: set once React owns the form.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <form action={formAction} className="form" data-hydrated={hydrated ? '' : undefined} noValidate>
      {state.status === 'error' && state.message && (
        <p className="form-message form-message-error" role="alert">
          {state.message}
        </p>
      )}
      <div className={`field${nameError ? ' field-invalid' : ''}`}>
        <label htmlFor="api-key-name">{labels.name}</label>
        <input
          id="api-key-name"
          name="name"
          maxLength={100}
          autoComplete="off"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={`api-key-name-hint${nameError ? ' api-key-name-error' : ''}`}
        />
        <p className="field-hint" id="api-key-name-hint">
          {labels.nameHint}
        </p>
        {nameError && (
          <p className="field-error" id="api-key-name-error">
            {nameError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="api-key-role">{labels.role}</label>
        <select id="api-key-role" name="role" defaultValue="operator">
          <option value="operator">{labels.roleOperator}</option>
          <option value="admin">{labels.roleAdmin}</option>
        </select>
      </div>
      <Submit label={labels.submit} />
      {state.status === 'ok' && state.message && (
        <div className="new-key" role="status">
          <p className="form-message form-message-ok">{labels.created}</p>
          <label htmlFor="new-api-key">{labels.keyLabel}</label>
          <div className="new-key-row">
            <input id="new-api-key" readOnly value={state.message} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
            <button
              type="button"
              className="button button-secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(state.message!);
                if (copied.current) copied.current.textContent = labels.copied;
              }}
            >
              {labels.copy}
            </button>
          </div>
          <span ref={copied} aria-live="polite" className="muted" />
        </div>
      )}
    </form>
  );
}

function Submit({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
      {label}
    </button>
  );
}
