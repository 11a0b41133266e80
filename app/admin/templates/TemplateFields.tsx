import { SEVERITIES } from '@/lib/domain/statuses';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { INCIDENT_OPEN_STATUSES } from '@/lib/domain/statuses';
import type { TemplateView } from '@/lib/services/templates/list';
import { SelectField, TextArea, TextField } from '../_ui/forms';

export function TemplateFields({ locale, template }: { locale: Locale; template?: TemplateView }) {
  const tr = t(locale, 'admin');
  const common = t(locale, 'common');
  return (
    <>
      <TextField
        name="name"
        label={tr('templates.fields.name')}
        hint={tr('templates.fields.nameHint')}
        defaultValue={template?.name}
        required
        maxLength={100}
      />
      <TextField name="title" label={tr('incidents.fields.title')} defaultValue={template?.title} required maxLength={200} />
      <div className="two-fields">
        <SelectField
          name="severity"
          label={tr('incidents.fields.severity')}
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
      <TextArea
        name="body"
        label={tr('incidents.fields.body')}
        defaultValue={template?.body}
        required
        rows={5}
        maxLength={5000}
      />
    </>
  );
}
