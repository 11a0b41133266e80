import { toLocalInput } from '@/lib/actions/fields';
import { IMPACTS, SEVERITIES, SLA_EXCLUSION_KINDS } from '@/lib/domain/statuses';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { timeZoneLabel } from '@/lib/i18n/format';
import type { getIncident } from '@/lib/services/incidents/get';
import { ActionForm, CheckboxField, SelectField, SubmitButton, TextArea, TextField } from '../../_ui/forms';
import { editIncidentAction, postmortemAction, slaExclusionAction } from '../actions';

type Incident = Awaited<ReturnType<typeof getIncident>>;

/** The record kept after (or beside) the public posts: postmortem, SLA exclusion, corrected details. */
export function RecordForms(props: { incident: Incident; locale: Locale; timeZone: string }) {
  const { incident, locale, timeZone } = props;
  const tr = t(locale, 'admin');
  const common = t(locale, 'common');
  const zone = timeZoneLabel(timeZone, locale);
  return (
    <>
      {incident.resolvedAt && (
        <section className="panel" aria-labelledby="postmortem">
          <h2 id="postmortem">{tr('incidents.postmortem')}</h2>
          <ActionForm action={postmortemAction}>
            <input type="hidden" name="incidentId" value={incident.id} />
            <TextArea
              name="postmortem"
              label={tr('incidents.fields.postmortem')}
              hint={tr('incidents.fields.postmortemHint')}
              defaultValue={incident.postmortem ?? ''}
              required
              rows={8}
              maxLength={20000}
            />
            <TextArea
              name="postmortemEn"
              label={tr('incidents.fields.postmortemEn')}
              defaultValue={incident.postmortemEn ?? ''}
              rows={5}
              maxLength={20000}
            />
            <SubmitButton>{tr('incidents.postmortemSubmit')}</SubmitButton>
          </ActionForm>
        </section>
      )}

      <section className="panel" aria-labelledby="sla-exclusion">
        <h2 id="sla-exclusion">{tr('incidents.slaExclusion')}</h2>
        <p className="field-hint">{tr('incidents.slaExclusionExplain')}</p>
        <ActionForm action={slaExclusionAction}>
          <input type="hidden" name="incidentId" value={incident.id} />
          <CheckboxField name="excluded" label={tr('incidents.fields.excluded')} defaultChecked={incident.slaExcluded} />
          <SelectField
            name="kind"
            label={tr('incidents.fields.exclusionKind')}
            defaultValue={incident.slaExclusionKind ?? ''}
            options={[
              { value: '', label: tr('incidents.fields.choose') },
              ...SLA_EXCLUSION_KINDS.map((k) => ({ value: k, label: tr(`incidents.exclusionKinds.${k}`) })),
            ]}
          />
          <TextArea
            name="reason"
            label={tr('incidents.fields.exclusionReason')}
            defaultValue={incident.slaExclusionReason ?? ''}
            rows={2}
            maxLength={1000}
          />
          <SubmitButton className="button button-secondary">{tr('save')}</SubmitButton>
        </ActionForm>
      </section>

      <section className="panel" aria-labelledby="edit-incident">
        <h2 id="edit-incident">{tr('incidents.editDetails')}</h2>
        <p className="field-hint">{tr('incidents.editDetailsHint')}</p>
        <ActionForm action={editIncidentAction}>
          <input type="hidden" name="incidentId" value={incident.id} />
          <input type="hidden" name="timeZone" value={timeZone} />
          <TextField name="title" label={tr('incidents.fields.title')} defaultValue={incident.title} required maxLength={200} />
          <TextField
            name="titleEn"
            label={tr('incidents.fields.titleEn')}
            defaultValue={incident.titleEn ?? ''}
            maxLength={200}
          />
          <div className="two-fields">
            <SelectField
              name="severity"
              label={tr('incidents.fields.severity')}
              defaultValue={incident.severity}
              options={SEVERITIES.map((s) => ({ value: s, label: common(`severity.${s}`) }))}
            />
            <SelectField
              name="impact"
              label={tr('incidents.fields.impact')}
              defaultValue={incident.impact}
              options={IMPACTS.map((i) => ({ value: i, label: common(`impact.${i}`) }))}
            />
          </div>
          <div className="stack-fields">
            <TextField
              name="detectedAt"
              type="datetime-local"
              label={tr('incidents.fields.detectedAt', { zone })}
              defaultValue={toLocalInput(incident.detectedAt, timeZone)}
              required
            />
            <TextField
              name="startedAt"
              type="datetime-local"
              label={tr('incidents.fields.startedAtEdit', { zone })}
              defaultValue={toLocalInput(incident.startedAt, timeZone)}
              required
            />
          </div>
          <SubmitButton className="button button-secondary">{tr('save')}</SubmitButton>
        </ActionForm>
      </section>
    </>
  );
}
