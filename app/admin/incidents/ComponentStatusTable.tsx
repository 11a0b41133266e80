import { COMPONENT_STATUSES, type ComponentStatus } from '@/lib/domain/statuses';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { StatusLabel } from '@/app/_ui/StatusLabel';
import { BareSelect, GroupError } from '../_ui/forms';

export type TableGroup = { name: string; components: { id: string; name: string; status: ComponentStatus; selected?: string }[] };

/**
 * One select per component, posted as "components.<id>"; the empty choice means "leave it".
 * Shows each component's current status so the operator sees what will change.
 */
export function ComponentStatusTable(props: {
  /** Distinguishes the tables when a page has several (row headers label the selects by id). */
  id: string;
  locale: Locale;
  legend: string;
  hint?: string;
  emptyLabel: string;
  groups: TableGroup[];
}) {
  const tr = t(props.locale, 'admin');
  const common = t(props.locale, 'common');
  const options = [
    { value: '', label: props.emptyLabel },
    ...COMPONENT_STATUSES.map((s) => ({ value: s, label: common(`componentStatus.${s}`) })),
  ];
  return (
    <fieldset className="field">
      <legend>{props.legend}</legend>
      {props.hint && <p className="field-hint">{props.hint}</p>}
      <GroupError name="components" />
      <table className="component-status-table">
        <thead>
          <tr>
            <th scope="col">{tr('incidents.table.component')}</th>
            <th scope="col">{tr('incidents.table.now')}</th>
            <th scope="col">{tr('incidents.table.set')}</th>
          </tr>
        </thead>
        {props.groups.map((group) => (
          <tbody key={group.name}>
            <tr>
              <th scope="rowgroup" colSpan={3} className="muted">
                {group.name}
              </th>
            </tr>
            {group.components.map((c) => (
              <tr key={c.id}>
                <th scope="row" id={`${props.id}-${c.id}`}>
                  {c.name}
                </th>
                <td>
                  <StatusLabel status={c.status} locale={props.locale} />
                </td>
                <td>
                  <BareSelect
                    name={`components.${c.id}`}
                    labelledBy={`${props.id}-${c.id}`}
                    defaultValue={c.selected ?? ''}
                    options={options}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </fieldset>
  );
}
