'use client';
import { ActionForm, SubmitButton, TextArea, TextField, useFormOutcome } from '../../_ui/forms';
import type { ActionState } from '@/lib/actions/action';
import type { PlanPreview } from '../actions';
import { PlanChecks } from './PlanChecks';

export type ScopeGroup = { name: string; components: { id: string; name: string }[] };

export type MaintenanceFormLabels = {
  title: string;
  titleEn: string;
  start: string;
  end: string;
  timeHint: string;
  downtime: string;
  downtimeHint: string;
  scope: string;
  scopeHint: string;
  body: string;
  bodyEn: string;
  optional: string;
  checksTitle: string;
  checksNote: string;
  submit: string;
};

export type MaintenanceFormDefaults = {
  id?: string;
  title?: string;
  titleEn?: string;
  body?: string;
  bodyEn?: string;
  scheduledStart?: string;
  scheduledEnd?: string;
  expectedDowntimeMinutes?: string;
  componentIds?: string[];
};

/** Scope checkboxes by group, posted as componentIds[]; one error for the whole scope. */
function ScopeField(props: { legend: string; hint: string; groups: ScopeGroup[]; defaults: string[] }) {
  const state = useFormOutcome();
  const error = state.fieldErrors?.componentIds;
  const echoed = state.status === 'error' ? state.values?.['componentIds[]'] : undefined;
  const chosen = new Set(state.status === 'error' ? (Array.isArray(echoed) ? echoed : echoed ? [echoed] : []) : props.defaults);
  return (
    <fieldset
      className={`field checkbox-group${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? 'scope-error' : 'scope-hint'}
    >
      <legend>
        {props.legend}
        <span aria-hidden="true"> *</span>
      </legend>
      <p className="field-hint" id="scope-hint">
        {props.hint}
      </p>
      {props.groups.map((group) => (
        <div key={group.name} className="scope-group">
          <p className="scope-group-name">{group.name}</p>
          {group.components.map((c) => (
            <div key={c.id} className="check-row">
              <input
                id={`scope-${c.id}`}
                type="checkbox"
                name="componentIds[]"
                value={c.id}
                defaultChecked={chosen.has(c.id)}
                key={`${c.id}-${chosen.has(c.id)}`}
              />
              <label htmlFor={`scope-${c.id}`}>{c.name}</label>
            </div>
          ))}
        </div>
      ))}
      {error && (
        <p className="field-error" id="scope-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function MaintenanceForm(props: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  preview: (formData: FormData) => Promise<PlanPreview>;
  initialPreview: PlanPreview;
  labels: MaintenanceFormLabels;
  groups: ScopeGroup[];
  defaults: MaintenanceFormDefaults;
}) {
  const { labels: l, defaults: d } = props;
  return (
    <ActionForm action={props.action} className="form maintenance-form">
      {d.id && <input type="hidden" name="id" value={d.id} />}
      <div className="two-fields">
        <TextField name="title" label={l.title} defaultValue={d.title} required maxLength={200} />
        <TextField name="titleEn" label={`${l.titleEn} ${l.optional}`} defaultValue={d.titleEn} maxLength={200} />
      </div>
      <div className="two-fields">
        <TextField
          name="scheduledStart"
          type="datetime-local"
          label={l.start}
          hint={l.timeHint}
          defaultValue={d.scheduledStart}
          required
        />
        <TextField
          name="scheduledEnd"
          type="datetime-local"
          label={l.end}
          hint={l.timeHint}
          defaultValue={d.scheduledEnd}
          required
        />
      </div>
      <TextField
        name="expectedDowntimeMinutes"
        type="number"
        label={l.downtime}
        hint={l.downtimeHint}
        defaultValue={d.expectedDowntimeMinutes}
        required
      />
      <ScopeField legend={l.scope} hint={l.scopeHint} groups={props.groups} defaults={d.componentIds ?? []} />
      <PlanChecks preview={props.preview} initial={props.initialPreview} title={l.checksTitle} note={l.checksNote} />
      <TextArea name="body" label={l.body} defaultValue={d.body} required rows={5} maxLength={5000} />
      <TextArea name="bodyEn" label={`${l.bodyEn} ${l.optional}`} defaultValue={d.bodyEn} rows={4} maxLength={5000} />
      <div>
        <SubmitButton>{l.submit}</SubmitButton>
      </div>
    </ActionForm>
  );
}
