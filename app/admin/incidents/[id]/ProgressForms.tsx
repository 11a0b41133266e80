import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { timeZoneLabel } from '@/lib/i18n/format';
import { localized } from '@/lib/i18n/localized';
import type { ConsoleGroup } from '@/lib/services/components/list';
import type { getIncident } from '@/lib/services/incidents/get';
import { INCIDENT_OPEN_STATUSES } from '@/lib/domain/statuses';
import { ActionForm, CheckboxField, SelectField, SubmitButton, TextArea, TextField } from '../../_ui/forms';
import { ComponentStatusTable } from '../ComponentStatusTable';
import { postUpdateAction, publishAction, resolveAction } from '../actions';

type Incident = Awaited<ReturnType<typeof getIncident>>;

/** Post an update and resolve: the two forms of an open incident. */
export function ProgressForms(props: { incident: Incident; groups: ConsoleGroup[]; locale: Locale; timeZone: string }) {
  const { incident, locale } = props;
  const tr = t(locale, 'admin');
  const common = t(locale, 'common');
  const nextStatus = incident.status === 'investigating' ? 'identified' : 'monitoring';
  const zone = timeZoneLabel(props.timeZone, locale);
  return (
    <>
      <section className="panel" aria-labelledby="post-update">
        <h2 id="post-update">{tr('incidents.postUpdate')}</h2>
        <ActionForm action={postUpdateAction}>
          <input type="hidden" name="incidentId" value={incident.id} />
          <SelectField
            name="status"
            label={tr('incidents.fields.status')}
            defaultValue={nextStatus}
            options={INCIDENT_OPEN_STATUSES.map((s) => ({ value: s, label: common(`incidentStatus.${s}`) }))}
          />
          <TextArea name="body" label={tr('incidents.fields.body')} required rows={5} maxLength={5000} />
          <TextArea name="bodyEn" label={tr('incidents.fields.bodyEn')} rows={3} maxLength={5000} />
          <details className="inline-edit">
            <summary>{tr('incidents.changeComponents')}</summary>
            <ComponentStatusTable
              id="update"
              locale={locale}
              legend={tr('incidents.fields.componentChanges')}
              emptyLabel={tr('incidents.table.unchanged')}
              groups={props.groups
                .filter((g) => g.components.length)
                .map((g) => ({
                  name: g.id ? localized(locale, g.name!, g.nameEn) : tr('components.ungrouped'),
                  components: g.components.map((c) => ({
                    id: c.id,
                    name: localized(locale, c.name, c.nameEn),
                    status: c.status,
                  })),
                }))}
            />
          </details>
          <CheckboxField
            name="notify"
            label={tr('incidents.fields.notify')}
            defaultChecked={incident.published}
            hint={incident.published ? undefined : tr('incidents.draftNoNotify')}
          />
          <SubmitButton>{tr('incidents.postSubmit')}</SubmitButton>
        </ActionForm>
      </section>

      <section className="panel" aria-labelledby="resolve">
        <h2 id="resolve">{tr('incidents.resolve')}</h2>
        <ActionForm action={resolveAction}>
          <input type="hidden" name="incidentId" value={incident.id} />
          <input type="hidden" name="timeZone" value={props.timeZone} />
          <TextArea
            name="body"
            label={tr('incidents.fields.body')}
            defaultValue={t('ja', 'admin')('incidents.resolvedDefault')}
            required
            rows={4}
            maxLength={5000}
          />
          <TextArea
            name="bodyEn"
            label={tr('incidents.fields.bodyEn')}
            defaultValue={t('en', 'admin')('incidents.resolvedDefault')}
            rows={3}
            maxLength={5000}
          />
          {incident.components.length > 0 && (
            <ComponentStatusTable
              id="resolve"
              locale={locale}
              legend={tr('incidents.fields.afterResolve')}
              hint={tr('incidents.fields.afterResolveHint')}
              emptyLabel={tr('incidents.table.operational')}
              groups={[
                {
                  name: tr('incidents.affected'),
                  components: incident.components
                    .filter((c) => !c.deletedAt)
                    .map((c) => ({ id: c.id, name: localized(locale, c.name, c.nameEn), status: c.current })),
                },
              ]}
            />
          )}
          <TextField
            name="resolvedAt"
            type="datetime-local"
            label={tr('incidents.fields.resolvedAt', { zone })}
            hint={tr('incidents.fields.resolvedAtHint')}
          />
          <CheckboxField name="notify" label={tr('incidents.fields.notify')} defaultChecked={incident.published} />
          <SubmitButton>{tr('incidents.resolveSubmit')}</SubmitButton>
        </ActionForm>
      </section>
    </>
  );
}

export function PublishForm({ incidentId, locale }: { incidentId: string; locale: Locale }) {
  const tr = t(locale, 'admin');
  return (
    <section className="panel" aria-labelledby="publish">
      <h2 id="publish">{tr('incidents.publish')}</h2>
      <p>{tr('incidents.publishExplain')}</p>
      <ActionForm action={publishAction}>
        <input type="hidden" name="incidentId" value={incidentId} />
        <CheckboxField name="notify" label={tr('incidents.fields.notify')} defaultChecked />
        <SubmitButton>{tr('incidents.publishSubmit')}</SubmitButton>
      </ActionForm>
    </section>
  );
}
