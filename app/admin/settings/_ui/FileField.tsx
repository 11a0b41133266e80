'use client';
import { useId } from 'react';
import { useFormOutcome } from '../../_ui/forms';

/** A file input whose error (from the "file" field of the outcome) is read out with it. */
export function FileField(props: { name: string; label: string; accept: string; hint?: string }) {
  const outcome = useFormOutcome();
  const error = outcome.status === 'error' ? outcome.fieldErrors?.[props.name] : undefined;
  const id = `f${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const describedBy = [props.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <input
        id={id}
        type="file"
        name={props.name}
        accept={props.accept}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
