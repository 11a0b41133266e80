'use client';
import { createContext, useActionState, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import type { ActionState } from '@/lib/actions/action';

// Console forms: plain <form>s posting to server actions (they work without JavaScript);
// with JavaScript, useActionState keeps the page and shows errors next to each field.

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
const FormState = createContext<ActionState>({ status: 'idle' });

export function ActionForm(props: {
  action: Action;
  children: ReactNode;
  className?: string;
  id?: string;
  'aria-label'?: string;
}) {
  const [state, formAction] = useActionState(props.action, { status: 'idle' });
  // Marks the form once React owns it (tests wait for this: a select changed before hydration snaps back).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <form
      action={formAction}
      className={props.className ?? 'form'}
      id={props.id}
      aria-label={props['aria-label']}
      data-action-form=""
      data-hydrated={hydrated ? '' : undefined}
      noValidate
    >
      <FormState.Provider value={state}>
        {state.message && (
          <p className={`form-message form-message-${state.status}`} role={state.status === 'error' ? 'alert' : 'status'}>
            {state.message}
          </p>
        )}
        {props.children}
      </FormState.Provider>
    </form>
  );
}

function useField(name: string, defaultValue?: string) {
  const state = useContext(FormState);
  const error = state.fieldErrors?.[name];
  // Values come back after an error, and after actions that keep the form (e.g. "test now").
  const echoed = state.values?.[name];
  const value = typeof echoed === 'string' ? echoed : defaultValue;
  // Unique per form: a page often has several forms with the same field names.
  const id = `f${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  return { error, value, id, errorId: `${id}-error`, hintId: `${id}-hint` };
}

type FieldProps = {
  name: string;
  label: string;
  defaultValue?: string;
  hint?: string;
  required?: boolean;
  className?: string;
};

function FieldFrame(props: FieldProps & { f: ReturnType<typeof useField>; children: ReactNode }) {
  const { f } = props;
  return (
    <div className={`field${f.error ? ' field-invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={f.id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.children}
      {props.hint && (
        <p className="field-hint" id={f.hintId}>
          {props.hint}
        </p>
      )}
      {f.error && (
        <p className="field-error" id={f.errorId}>
          {f.error}
        </p>
      )}
    </div>
  );
}

const describedBy = (f: ReturnType<typeof useField>, hint?: string) =>
  [hint ? f.hintId : '', f.error ? f.errorId : ''].filter(Boolean).join(' ') || undefined;

export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'password' | 'datetime-local' | 'number';
    autoComplete?: string;
    maxLength?: number;
    step?: string;
  },
) {
  const f = useField(props.name, props.defaultValue);
  return (
    <FieldFrame {...props} f={f}>
      <input
        id={f.id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.type === 'password' ? undefined : f.value}
        key={props.type === 'password' ? undefined : f.value}
        required={props.required}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        step={props.step}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f, props.hint)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const f = useField(props.name, props.defaultValue);
  return (
    <FieldFrame {...props} f={f}>
      <textarea
        id={f.id}
        name={props.name}
        rows={props.rows ?? 5}
        defaultValue={f.value}
        key={f.value}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f, props.hint)}
      />
    </FieldFrame>
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[] }) {
  const f = useField(props.name, props.defaultValue);
  return (
    <FieldFrame {...props} f={f}>
      <select
        id={f.id}
        name={props.name}
        defaultValue={f.value}
        key={f.value}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f, props.hint)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField(props: { name: string; label: string; defaultChecked?: boolean; hint?: string; value?: string }) {
  const f = useField(props.name);
  const state = useContext(FormState);
  const checked = state.values ? state.values[props.name] !== undefined : props.defaultChecked;
  return (
    <div className={`field field-check${f.error ? ' field-invalid' : ''}`}>
      <input
        id={f.id}
        type="checkbox"
        name={props.name}
        value={props.value ?? 'on'}
        defaultChecked={checked}
        key={String(checked)}
        aria-describedby={describedBy(f, props.hint)}
      />
      <label htmlFor={f.id}>{props.label}</label>
      {props.hint && (
        <p className="field-hint" id={f.hintId}>
          {props.hint}
        </p>
      )}
      {f.error && (
        <p className="field-error" id={f.errorId}>
          {f.error}
        </p>
      )}
    </div>
  );
}

/** A group of checkboxes posted as `name[]`; errors for the group appear once under the legend. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  defaultValues?: string[];
  hint?: string;
}) {
  const state = useContext(FormState);
  const error = state.fieldErrors?.[props.name];
  const echoed = state.values?.[`${props.name}[]`];
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const selected = new Set(
    echoed === undefined ? (state.values ? [] : (props.defaultValues ?? [])) : Array.isArray(echoed) ? echoed : [echoed],
  );
  return (
    <fieldset className={`field checkbox-group${error ? ' field-invalid' : ''}`}>
      <legend>{props.legend}</legend>
      {props.hint && <p className="field-hint">{props.hint}</p>}
      {props.options.map((o) => {
        const id = `f${uid}-${props.name}-${o.value}`;
        return (
          <div key={o.value} className="check-row">
            <input
              id={id}
              type="checkbox"
              name={`${props.name}[]`}
              value={o.value}
              defaultChecked={selected.has(o.value)}
              key={`${o.value}-${selected.has(o.value)}`}
            />
            <label htmlFor={id}>{o.label}</label>
          </div>
        );
      })}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

export function SubmitButton({
  children,
  className,
  name,
  value,
}: {
  children: ReactNode;
  className?: string;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className ?? 'button'} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {children}
    </button>
  );
}

/** The form-level outcome for callers that render their own layout. */
export function useFormOutcome(): ActionState {
  return useContext(FormState);
}

/** An error for a whole group of inputs (e.g. the component table), shown where the caller places it. */
export function GroupError({ name }: { name: string }) {
  const error = useContext(FormState).fieldErrors?.[name];
  return error ? <p className="field-error">{error}</p> : null;
}

/** A select without its own label, for tables whose row header names it (aria-labelledby). */
export function BareSelect(props: {
  name: string;
  labelledBy: string;
  defaultValue?: string;
  options: { value: string; label: string }[];
}) {
  const f = useField(props.name, props.defaultValue);
  return (
    <>
      <select
        id={f.id}
        name={props.name}
        defaultValue={f.value}
        key={f.value}
        aria-labelledby={props.labelledBy}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.error ? f.errorId : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {f.error && (
        <p className="field-error" id={f.errorId}>
          {f.error}
        </p>
      )}
    </>
  );
}
