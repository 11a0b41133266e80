import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { toLocalInput } from '@/lib/actions/fields';
import { IMPACTS, SEVERITIES } from '@/lib/domain/statuses';
import { WRITERS } from '@/lib/services/context';
import { listConsoleComponents } from '@/lib/services/components/list';
import { listTemplates } from '@/lib/services/templates/list';
import { INCIDENT_OPEN_STATUSES } from '@/lib/domain/statuses';
import { resolvePage } from '@/lib/pages/context';
import { localized } from '@/lib/i18n/localized';
import { timeZoneLabel } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, CheckboxField, SelectField, SubmitButton, TextArea, TextField } from '../../_ui/forms';
import { ComponentStatusTable } from '../ComponentStatusTable';
import { openIncidentAction } from '../actions';

export const dynamic = 'force-dynamic';

export default async function NewIncidentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSession(WRITERS);
  const [locale, query, catalogue, templates, page] = await Promise.all([
    requestLocale(),
    searchParams,
    listConsoleComponents({ ctx }),
    listTemplates({ ctx }),
    resolvePage(ctx.db),
  ]);
  const tr = t(locale, 'admin');
  const common = t(locale, 'common');
  const template = templates.find((tpl) => tpl.id === query.template);
  const zone = timeZoneLabel(page.timeZone, locale);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/incidents">{tr('nav.incidents')}</Link>
      </p>
      <h1>{tr('incidents.new')}</h1>
      {templates.length > 0 && (
        <nav className="panel" aria-labelledby="use-template">
          <h2 id="use-template">{tr('incidents.useTemplate')}</h2>
          <ul className="chip-list">
            {templates.map((tpl) => (
              <li key={tpl.id}>
                <Link
                  href={`/admin/incidents/new?template=${tpl.id}`}
                  aria-current={tpl.id === template?.id ? 'true' : undefined}
                >
                  {tpl.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <section className="panel" aria-label={tr('incidents.new')}>
        <ActionForm action={openIncidentAction} key={template?.id ?? 'blank'}>
          <input type="hidden" name="timeZone" value={page.timeZone} />
          <div className="two-fields">
            <TextField
              name="title"
              label={tr('incidents.fields.title')}
              defaultValue={template?.title}
              required
              maxLength={200}
            />
            <TextField name="titleEn" label={tr('incidents.fields.titleEn')} maxLength={200} />
          </div>
          <div className="two-fields">
            <SelectField
              name="severity"
              label={tr('incidents.fields.severity')}
              hint={tr('incidents.fields.severityHint')}
              defaultValue={template?.severity ?? 'minor'}
              options={SEVERITIES.map((s) => ({ value: s, label: common(`severity.${s}`) }))}
            />
            <SelectField
              name="status"
              label={tr('incidents.fields.status')}
              defaultValue={template?.status ?? 'investigating'}
              options={INCIDENT_OPEN_STATUSES.map((s) => ({ value: s, label: common(`incidentStatus.${s}`) }))}
            />
          </div>
          <SelectField
            name="impact"
            label={tr('incidents.fields.impact')}
            hint={tr('incidents.fields.impactHint')}
            defaultValue=""
            options={[
              { value: '', label: tr('incidents.fields.impactAuto') },
              ...IMPACTS.map((i) => ({ value: i, label: common(`impact.${i}`) })),
            ]}
          />
          <ComponentStatusTable
            id="open"
            locale={locale}
            legend={tr('incidents.fields.components')}
            hint={tr('incidents.fields.componentsHint')}
            emptyLabel={tr('incidents.table.notAffected')}
            groups={catalogue.groups
              .filter((g) => g.components.length)
              .map((g) => ({
                name: g.id ? localized(locale, g.name!, g.nameEn) : tr('components.ungrouped'),
                components: g.components.map((c) => ({ id: c.id, name: localized(locale, c.name, c.nameEn), status: c.status })),
              }))}
          />
          <TextArea
            name="body"
            label={tr('incidents.fields.body')}
            hint={tr('incidents.fields.bodyHint')}
            defaultValue={template?.body}
            required
            rows={6}
            maxLength={5000}
          />
          <TextArea name="bodyEn" label={tr('incidents.fields.bodyEn')} rows={4} maxLength={5000} />
          <div className="two-fields">
            <TextField
              name="detectedAt"
              type="datetime-local"
              label={tr('incidents.fields.detectedAt', { zone })}
              hint={tr('incidents.fields.detectedAtHint')}
              defaultValue={toLocalInput(new Date(), page.timeZone)}
            />
            <TextField
              name="startedAt"
              type="datetime-local"
              label={tr('incidents.fields.startedAt', { zone })}
              hint={tr('incidents.fields.startedAtHint')}
            />
          </div>
          <CheckboxField
            name="notify"
            label={tr('incidents.fields.notify')}
            hint={tr('incidents.fields.notifyHint')}
            defaultChecked
          />
          <SubmitButton>{tr('incidents.openSubmit')}</SubmitButton>
        </ActionForm>
      </section>
    </>
  );
}
