import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { ConsoleComponent } from '@/lib/services/components/list';
import { CheckboxField, SelectField, TextArea, TextField } from '../_ui/forms';

/** The fields of a component, shared by the create and edit forms. */
export function ComponentFields(props: { locale: Locale; groups: { id: string; label: string }[]; component?: ConsoleComponent }) {
  const tr = t(props.locale, 'admin');
  const c = props.component;
  return (
    <>
      <div className="two-fields">
        <TextField name="name" label={tr('components.fields.name')} defaultValue={c?.name} required maxLength={100} />
        <TextField name="nameEn" label={tr('components.fields.nameEn')} defaultValue={c?.nameEn ?? ''} maxLength={100} />
      </div>
      <SelectField
        name="groupId"
        label={tr('components.fields.group')}
        defaultValue={c?.groupId ?? ''}
        options={[{ value: '', label: tr('components.ungrouped') }, ...props.groups.map((g) => ({ value: g.id, label: g.label }))]}
      />
      <div className="two-fields">
        <TextArea name="description" label={tr('components.fields.description')} defaultValue={c?.description ?? ''} rows={2} maxLength={500} />
        <TextArea name="descriptionEn" label={tr('components.fields.descriptionEn')} defaultValue={c?.descriptionEn ?? ''} rows={2} maxLength={500} />
      </div>
      <TextField
        name="alertKey"
        label={tr('components.fields.alertKey')}
        hint={tr('components.fields.alertKeyHint')}
        defaultValue={c?.alertKey ?? ''}
        maxLength={100}
      />
      <CheckboxField name="onlyShowIfDegraded" label={tr('components.fields.onlyShowIfDegraded')} defaultChecked={c?.onlyShowIfDegraded} />
    </>
  );
}

export function GroupFields(props: {
  locale: Locale;
  services: { id: string; label: string }[];
  group?: { name: string | null; nameEn: string | null; serviceId: string | null; functionGroup: string | null };
}) {
  const tr = t(props.locale, 'admin');
  const g = props.group;
  return (
    <>
      <div className="two-fields">
        <TextField name="name" label={tr('components.groupFields.name')} defaultValue={g?.name ?? ''} required maxLength={100} />
        <TextField name="nameEn" label={tr('components.groupFields.nameEn')} defaultValue={g?.nameEn ?? ''} maxLength={100} />
      </div>
      <div className="two-fields">
        <SelectField
          name="serviceId"
          label={tr('components.groupFields.service')}
          defaultValue={g?.serviceId ?? ''}
          options={[{ value: '', label: tr('components.groupFields.noService') }, ...props.services.map((s) => ({ value: s.id, label: s.label }))]}
        />
        <TextField
          name="functionGroup"
          label={tr('components.groupFields.functionGroup')}
          hint={tr('components.groupFields.functionGroupHint')}
          defaultValue={g?.functionGroup ?? ''}
          maxLength={50}
        />
      </div>
    </>
  );
}
