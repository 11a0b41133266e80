import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { isServiceError } from '@/lib/errors';
import { serviceErrorText } from '@/lib/actions/messages';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ADMINS } from '@/lib/services/context';
import { getSlaPolicyEditor } from '@/lib/services/sla-policies/get';
import { POLICY_FIELDS } from '@/lib/sla/policy-fields';
import { POLICY_TEMPLATES } from '@/lib/sla/templates';
import { ActionForm, CheckboxField, SelectField, SubmitButton, TextArea } from '../../_ui/forms';
import { replacePolicyAction, templatePolicyAction } from '../actions';
import { bilingual } from '../_ui/format';
import { JsonProblems } from '../_ui/JsonProblems';
import type { SearchParams } from '../_ui/load-report';
import { PolicyEditor } from './_ui/PolicyEditor';
import { editorTexts } from './_ui/editor-texts';
import { NoServices } from '../_ui/NoServices';

export const dynamic = 'force-dynamic';

/** Admins edit a service's SLA policy: every field as a form, a template to start from, and JSON. */
export default async function SlaPolicyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession(ADMINS);
  const [locale, query] = await Promise.all([requestLocale(), searchParams]);
  const tr = t(locale, 'sla');
  const form = t(locale, 'slaForm');
  let editor: Awaited<ReturnType<typeof getSlaPolicyEditor>>;
  try {
    editor = await getSlaPolicyEditor({
      ctx: session.ctx,
      input: { serviceId: typeof query.service === 'string' ? query.service : undefined },
    });
  } catch (error) {
    if (!isServiceError(error)) throw error;
    const messageKey = error.code === 'invalid' ? 'service_not_found' : error.messageKey;
    return (
      <>
        <h1>{tr('policy.title')}</h1>
        {messageKey === 'no_services' ? (
          <NoServices locale={locale} />
        ) : (
          <p className="form-message form-message-error" role="alert">
            {serviceErrorText(locale, { code: error.code, messageKey }, 'sla')}
          </p>
        )}
      </>
    );
  }
  const { service } = editor;
  const serviceName = bilingual({ ja: service.name, en: service.nameEn }, locale);
  const hidden = (
    <>
      <input type="hidden" name="serviceId" value={service.id} />
      <input type="hidden" name="expectedUpdatedAt" value={editor.expectedUpdatedAt} />
    </>
  );
  const templateNames = t(locale, 'services');
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
      {query.template !== undefined && (
        <p className="form-message form-message-ok" role="status">
          {form('templateApplied')}
        </p>
      )}
      {!editor.stored && <p className="form-message form-message-error">{tr('policy.notStored')}</p>}

      <section aria-labelledby="policy-template" className="panel">
        <h2 id="policy-template">{form('templateHeading')}</h2>
        <p className="muted">{form('templateLead')}</p>
        <ActionForm action={templatePolicyAction}>
          {hidden}
          <SelectField
            name="template"
            label={t(locale, 'services')('fields.template')}
            defaultValue="blank"
            options={POLICY_TEMPLATES.map((key) => ({ value: key, label: templateNames(`templates.${key}`) }))}
          />
          {editor.stored && <CheckboxField name="confirm" label={form('templateConfirm')} />}
          {!editor.stored && <input type="hidden" name="confirm" value="on" />}
          <div>
            <SubmitButton className="button button-secondary">{form('templateApply')}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="policy-form" className="panel">
        <h2 id="policy-form">{form('heading')}</h2>
        <p className="muted">{form('lead')}</p>
        <ActionForm action={replacePolicyAction} className="form sla-policy-form">
          {hidden}
          <PolicyEditor
            key={editor.expectedUpdatedAt}
            fields={POLICY_FIELDS}
            initial={editor.policy}
            texts={editorTexts(locale)}
          />
          <div>
            <SubmitButton>{form('save')}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <details className="panel sla-advanced">
        <summary>{form('advanced')}</summary>
        <h2 id="policy-json">{tr('policy.jsonHeading')}</h2>
        <ActionForm action={replacePolicyAction}>
          {hidden}
          <TextArea name="policyJson" label={tr('policy.jsonField')} defaultValue={editor.json} rows={24} className="sla-json" />
          <JsonProblems heading={tr('policy.problems')} />
          <div>
            <SubmitButton>{tr('policy.saveJson')}</SubmitButton>
          </div>
        </ActionForm>
      </details>
    </>
  );
}
