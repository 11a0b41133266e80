import type { Locale } from '@/lib/i18n/locales';
import { loadMessages, t } from '@/lib/i18n/messages';
import { COMPONENT_STATUSES } from '@/lib/domain/statuses';

/** Plain strings for the client-side policy editor (functions cannot cross to the client). */
export type EditorTexts = {
  fields: Record<string, string>;
  options: Record<string, string>;
  weekdays: string[];
  none: string;
  wholeService: string;
  emptyMeansNone: string;
  noGroupsYet: string;
  problems: string;
  /** Templates with {name} and {n}. */
  add: string;
  remove: string;
};

export function editorTexts(locale: Locale): EditorTexts {
  const tr = t(locale, 'slaForm');
  const common = t(locale, 'common');
  const catalogue = loadMessages(locale).slaForm as { fields: Record<string, string>; options: Record<string, string> };
  return {
    fields: catalogue.fields,
    options: { ...catalogue.options, ...Object.fromEntries(COMPONENT_STATUSES.map((s) => [s, common(`componentStatus.${s}`)])) },
    weekdays: [0, 1, 2, 3, 4, 5, 6].map((d) => t(locale, 'sla')(`weekday.${d}`)),
    none: tr('none'),
    wholeService: tr('wholeService'),
    emptyMeansNone: tr('emptyMeansNone'),
    noGroupsYet: tr('noGroupsYet'),
    problems: tr('problems'),
    add: tr('add'),
    remove: tr('remove'),
  };
}
