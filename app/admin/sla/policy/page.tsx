import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { SEVERITIES } from '@/lib/domain/statuses';
import { isServiceError } from '@/lib/errors';
import { serviceErrorText } from '@/lib/actions/messages';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ADMINS } from '@/lib/services/context';
import { getSlaPolicyEditor } from '@/lib/services/sla-policies/get';
import { RESOLVE_KINDS } from '@/lib/sla/policy-form';
import { ActionForm, CheckboxField, CheckboxGroup, SelectField, SubmitButton, TextArea, TextField } from '../../_ui/forms';
import { editPolicyAction, replacePolicyAction } from '../actions';
import { bilingual, localizedLabel } from '../_ui/format';
import { JsonProblems } from '../_ui/JsonProblems';
import type { SearchParams } from '../_ui/load-report';

export const dynamic = 'force-dynamic';

/** Admins edit a service's SLA policy: the main figures as a form, everything as JSON. */
export default async function SlaPolicyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession(ADMINS);
  const [locale, query] = await Promise.all([requestLocale(), searchParams]);
  const tr = t(locale, 'sla');
  const common = t(locale, 'common');
  let editor: Awaited<ReturnType<typeof getSlaPolicyEditor>>;
  try {
    editor = await getSlaPolicyEditor({
      ctx: session.ctx,
      input: {
        serviceId: typeof query.service === 'string' ? query.service : undefined,
      },
    });
  } catch (error) {
    if (!isServiceError(error)) throw error;
    const messageKey = error.code === 'invalid' ? 'service_not_found' : error.messageKey;
    return (
      <>
        <h1>{tr('policy.title')}</h1>
        <p className="form-message form-message-error" role="alert">
          {serviceErrorText(locale, { code: error.code, messageKey }, 'sla')}
        </p>
      </>
    );
  }
  const { service, policy, formValues: v } = editor;
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : '');
  const list = (name: string) => (Array.isArray(v[name]) ? (v[name] as string[]) : []);
  const groupName = (key: string) =>
    localizedLabel(
      policy.functionGroups.find((g) => g.key === key)?.label ?? {
        ja: key,
        en: key,
      },
      locale,
    );
  const scopeName = (scope: string) => (scope === 'service' ? localizedLabel(policy.service.label, locale) : groupName(scope));
  const serviceName = bilingual({ ja: service.name, en: service.nameEn }, locale);
  const hidden = (
    <>
      <input type="hidden" name="serviceId" value={service.id} />
      <input type="hidden" name="expectedUpdatedAt" value={editor.expectedUpdatedAt} />
    </>
  );

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/admin/sla?service=${service.id}`}>← {tr('title')}</Link>
      </p>
      <h1>
        {tr('policy.title')}: {serviceName}
      </h1>
      <p className="muted">{tr('policy.lead', { service: serviceName })}</p>
      {query.saved !== undefined && (
        <p className="form-message form-message-ok" role="status">
          {tr('policy.saved')}
        </p>
      )}
      {!editor.stored && <p className="form-message form-message-error">{tr('policy.notStored')}</p>}

      <section aria-labelledby="policy-form" className="panel">
        <h2 id="policy-form">{tr('policy.formHeading')}</h2>
        <ActionForm action={editPolicyAction} className="form sla-policy-form">
          {hidden}
          <fieldset className="field">
            <legend>{tr('policy.basics')}</legend>
            <div className="two-fields">
              <TextField name="timeZone" label={tr('policy.timeZone')} hint={tr('policy.timeZoneHint')} defaultValue={text('timeZone')} required />
              <TextField
                name="service.targetPercent"
                type="number"
                label={tr('policy.serviceTarget')}
                hint={tr('policy.targetHint')}
                defaultValue={text('service.targetPercent')}
              />
            </div>
          </fieldset>

          {policy.functionGroups.length > 0 && (
            <fieldset className="field">
              <legend>{tr('policy.groups')}</legend>
              {policy.functionGroups.map((g, i) => (
                <fieldset key={g.key} className="field sla-group-fields">
                  <legend>
                    {localizedLabel(g.label, locale)} <code>{g.key}</code>
                  </legend>
                  <div className="sla-fields-3">
                    <TextField
                      name={`functionGroups.${i}.targetPercent`}
                      type="number"
                      label={tr('policy.groupTarget')}
                      hint={tr('policy.targetHint')}
                      defaultValue={text(`functionGroups.${i}.targetPercent`)}
                    />
                    <TextField
                      name={`functionGroups.${i}.partialOutageWeight`}
                      type="number"
                      label={tr('policy.partialWeight')}
                      defaultValue={text(`functionGroups.${i}.partialOutageWeight`)}
                      required
                    />
                    <TextField
                      name={`maintenance.maxDurationMinutes.${g.key}`}
                      type="number"
                      label={tr('policy.maxDuration')}
                      hint={tr('policy.maxDurationHint')}
                      defaultValue={text(`maintenance.maxDurationMinutes.${g.key}`)}
                    />
                  </div>
                </fieldset>
              ))}
              <CheckboxGroup
                name="maintenance.stoppingGroups"
                legend={tr('policy.stopping')}
                hint={tr('policy.stoppingHint')}
                options={policy.functionGroups.map((g) => ({
                  value: g.key,
                  label: localizedLabel(g.label, locale),
                }))}
                defaultValues={list('maintenance.stoppingGroups')}
              />
            </fieldset>
          )}

          <fieldset className="field">
            <legend>{tr('policy.credits')}</legend>
            {policy.creditTiers.length === 0 && <p className="muted">{tr('policy.noCreditTiers')}</p>}
            {policy.creditTiers.map((tier, i) => (
              <div key={i} className="two-fields">
                <TextField
                  name={`creditTiers.${i}.belowPercent`}
                  type="number"
                  label={tr('policy.creditBelow', {
                    scope: scopeName(tier.appliesTo),
                  })}
                  hint={localizedLabel(tier.description, locale)}
                  defaultValue={text(`creditTiers.${i}.belowPercent`)}
                  required
                />
                <TextField
                  name={`creditTiers.${i}.discountPercent`}
                  type="number"
                  label={tr('policy.creditDiscount', {
                    scope: scopeName(tier.appliesTo),
                  })}
                  hint={tr('policy.discountHint')}
                  defaultValue={text(`creditTiers.${i}.discountPercent`)}
                />
              </div>
            ))}
          </fieldset>

          <fieldset className="field">
            <legend>{tr('policy.maintenance')}</legend>
            <TextField name="maintenance.noticeDays" type="number" label={tr('policy.noticeDays')} defaultValue={text('maintenance.noticeDays')} required />
            <p className="field-hint">
              {policy.maintenance.preferredWindows.length
                ? tr('policy.windows', {
                    list: policy.maintenance.preferredWindows
                      .map((w) =>
                        w.kind === 'daily'
                          ? tr('rules.daily', w)
                          : tr('rules.weekly', {
                              fromDay: tr(`weekday.${w.from.weekday}`),
                              from: w.from.time,
                              toDay: tr(`weekday.${w.to.weekday}`),
                              to: w.to.time,
                            }),
                      )
                      .join(tr('listSeparator')),
                  })
                : tr('policy.noWindows')}
            </p>
          </fieldset>

          <fieldset className="field">
            <legend>{tr('policy.incidentTargets')}</legend>
            <TextField
              name="firstNoticeTargetMinutes"
              type="number"
              label={tr('policy.firstNotice')}
              hint={tr('policy.firstNoticeHint')}
              defaultValue={text('firstNoticeTargetMinutes')}
            />
            {SEVERITIES.map((s) => (
              <div key={s} className="two-fields">
                <SelectField
                  name={`resolveTargets.${s}.kind`}
                  label={tr('policy.resolveKind', {
                    severity: common(`severity.${s}`),
                  })}
                  defaultValue={text(`resolveTargets.${s}.kind`)}
                  options={RESOLVE_KINDS.map((k) => ({
                    value: k,
                    label: tr(`policy.kind.${k}`),
                  }))}
                />
                <TextField
                  name={`resolveTargets.${s}.amount`}
                  type="number"
                  label={tr('policy.resolveAmount', {
                    severity: common(`severity.${s}`),
                  })}
                  defaultValue={text(`resolveTargets.${s}.amount`)}
                />
              </div>
            ))}
          </fieldset>

          <fieldset className="field">
            <legend>{tr('policy.calendar')}</legend>
            <div className="sla-weekdays">
              <CheckboxGroup
                name="supportCalendar.weekdays"
                legend={tr('policy.weekdays')}
                options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({
                  value: String(d),
                  label: tr(`weekday.${d}`),
                }))}
                defaultValues={list('supportCalendar.weekdays')}
              />
            </div>
            <TextField name="supportCalendar.hours" label={tr('policy.hours')} hint={tr('policy.hoursHint')} defaultValue={text('supportCalendar.hours')} required />
            <CheckboxField name="supportCalendar.closedOnPublicHolidays" label={tr('policy.holidays')} defaultChecked={text('supportCalendar.closedOnPublicHolidays') !== ''} />
            <p className="field-hint">
              {policy.supportCalendar.closures.length
                ? tr('policy.closures', {
                    list: policy.supportCalendar.closures.map((c) => `${localizedLabel(c.label, locale)} ${c.from}${tr('rangeSeparator')}${c.to}`).join(tr('listSeparator')),
                  })
                : tr('policy.noClosures')}
            </p>
          </fieldset>
          <div>
            <SubmitButton>{tr('policy.save')}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="policy-json" className="panel">
        <h2 id="policy-json">{tr('policy.jsonHeading')}</h2>
        <p className="muted">{tr('policy.jsonLead')}</p>
        <ActionForm action={replacePolicyAction}>
          {hidden}
          <TextArea name="policyJson" label={tr('policy.jsonField')} defaultValue={editor.json} rows={24} className="sla-json" />
          <JsonProblems heading={tr('policy.problems')} />
          <div>
            <SubmitButton>{tr('policy.saveJson')}</SubmitButton>
          </div>
        </ActionForm>
      </section>
    </>
  );
}
