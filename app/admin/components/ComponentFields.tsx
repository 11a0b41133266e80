import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { ConsoleComponent } from '@/lib/services/components/list';
import type { ConsoleService } from '@/lib/services/services/list';
import { localized } from '@/lib/i18n/localized';
import { CheckboxField, SelectField, TextArea, TextField } from '../_ui/forms';

/** The fields of a component, shared by the create and edit forms. */
export function ComponentFields(props: {
  locale: Locale;
  groups: { id: string; label: string }[];
  services: ConsoleService[];
  component?: ConsoleComponent;
}) {
  const tr = t(props.locale, 'admin');
  const sv = t(props.locale, 'services');
  const c = props.component;
  // An archived service stays selectable only for the component that already counts towards it.
  const services = props.services.filter((s) => !s.archived || s.id === c?.serviceId);
  const functionGroups = new Map<string, string>();
  for (const s of services)
    for (const g of s.functionGroups ?? [])
      if (!functionGroups.has(g.key)) functionGroups.set(g.key, `${localized(props.locale, g.label.ja, g.label.en)} (${g.key})`);
  if (c?.functionGroup && !functionGroups.has(c.functionGroup)) functionGroups.set(c.functionGroup, c.functionGroup);
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
        options={[
          { value: '', label: tr('components.ungrouped') },
          ...props.groups.map((g) => ({ value: g.id, label: g.label })),
        ]}
      />
      <div className="two-fields">
        <SelectField
          name="serviceId"
          label={sv('componentFields.service')}
          hint={sv('componentFields.serviceHint')}
          defaultValue={c?.serviceId ?? ''}
          options={[
            { value: '', label: sv('componentFields.noService') },
            ...services.map((s) => ({ value: s.id, label: localized(props.locale, s.name, s.nameEn) })),
          ]}
        />
        <SelectField
          name="functionGroup"
          label={sv('componentFields.functionGroup')}
          hint={sv('componentFields.functionGroupHint')}
          defaultValue={c?.functionGroup ?? ''}
          options={[
            { value: '', label: sv('componentFields.followGroup') },
            ...[...functionGroups].map(([value, label]) => ({ value, label })),
          ]}
        />
      </div>
      <div className="two-fields">
        <TextArea
          name="description"
          label={tr('components.fields.description')}
          defaultValue={c?.description ?? ''}
          rows={2}
          maxLength={500}
        />
        <TextArea
          name="descriptionEn"
          label={tr('components.fields.descriptionEn')}
          defaultValue={c?.descriptionEn ?? ''}
          rows={2}
          maxLength={500}
        />
      </div>
      <TextField
        name="alertKey"
        label={tr('components.fields.alertKey')}
        hint={tr('components.fields.alertKeyHint')}
        defaultValue={c?.alertKey ?? ''}
        maxLength={100}
      />
      <CheckboxField
        name="onlyShowIfDegraded"
        label={tr('components.fields.onlyShowIfDegraded')}
        defaultChecked={c?.onlyShowIfDegraded}
      />
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
          options={[
            { value: '', label: tr('components.groupFields.noService') },
            ...props.services.map((s) => ({ value: s.id, label: s.label })),
          ]}
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
