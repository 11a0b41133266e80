import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { formatDateTime } from '@/lib/i18n/format';
import { localized } from '@/lib/i18n/localized';
import type { getIncident } from '@/lib/services/incidents/get';
import { ActionForm, SubmitButton, TextArea } from '../../_ui/forms';
import { IncidentStatusPill } from '../../_ui/IncidentBadges';
import { editUpdateAction } from '../actions';

type Incident = Awaited<ReturnType<typeof getIncident>>;

/** Every update newest first; text is rendered as text (line breaks kept), never as HTML. */
export function Timeline(props: { incident: Incident; locale: Locale; timeZone: string; canWrite: boolean }) {
  const { incident, locale, timeZone } = props;
  const tr = t(locale, 'admin');
  const common = t(locale, 'common');
  return (
    <ol className="timeline-admin">
      {incident.updates.map((u) => (
        <li key={u.id}>
          <div className="row-meta">
            <IncidentStatusPill status={u.status} locale={locale} />
            <time dateTime={u.displayAt.toISOString()}>{formatDateTime(u.displayAt, locale, timeZone)}</time>
            {u.authorEmail && <span>{u.authorEmail}</span>}
            <span>{u.noticeQueued ? tr('incidents.notified') : tr('incidents.notNotified')}</span>
            {u.updatedAt.getTime() > u.createdAt.getTime() && (
              <span>{tr('incidents.corrected', { time: formatDateTime(u.updatedAt, locale, timeZone) })}</span>
            )}
          </div>
          <p className="plain-text">{u.body}</p>
          {u.bodyEn && (
            <p className="plain-text muted" lang="en">
              {u.bodyEn}
            </p>
          )}
          {u.changes.length > 0 && (
            <ul className="row-sub">
              {u.changes.map((c) => (
                <li key={c.id}>
                  {localized(locale, c.name, c.nameEn)}: {common(`componentStatus.${c.status}`)}
                </li>
              ))}
            </ul>
          )}
          {props.canWrite && (
            <details className="inline-edit">
              <summary>{tr('incidents.correctText')}</summary>
              <ActionForm action={editUpdateAction}>
                <input type="hidden" name="incidentId" value={incident.id} />
                <input type="hidden" name="updateId" value={u.id} />
                <p className="field-hint">{tr('incidents.correctHint')}</p>
                <TextArea
                  name="body"
                  label={tr('incidents.fields.body')}
                  defaultValue={u.body}
                  required
                  rows={4}
                  maxLength={5000}
                />
                <TextArea
                  name="bodyEn"
                  label={tr('incidents.fields.bodyEn')}
                  defaultValue={u.bodyEn ?? ''}
                  rows={3}
                  maxLength={5000}
                />
                <SubmitButton className="button button-small">{tr('incidents.correctSubmit')}</SubmitButton>
              </ActionForm>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
