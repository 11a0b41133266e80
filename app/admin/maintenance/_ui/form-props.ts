import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { timeZoneLabel } from '@/lib/i18n/format';
import { localized } from '@/lib/i18n/localized';
import type { maintenanceFormOptions } from '@/lib/services/maintenances/list';
import type { MaintenanceFormLabels, ScopeGroup } from './MaintenanceForm';

type Options = Awaited<ReturnType<typeof maintenanceFormOptions>>;

/** Server-side strings for the client form (catalogs are read on the server only). */
export function maintenanceFormLabels(locale: Locale, timeZone: string, submit: string): MaintenanceFormLabels {
  const tr = t(locale, 'maintenance');
  return {
    title: tr('form.title'),
    titleEn: tr('form.titleEn'),
    start: tr('form.start'),
    end: tr('form.end'),
    timeHint: tr('form.timeHint', { zone: timeZoneLabel(timeZone, locale) }),
    downtime: tr('form.downtime'),
    downtimeHint: tr('form.downtimeHint'),
    scope: tr('form.scope'),
    scopeHint: tr('form.scopeHint'),
    body: tr('form.body'),
    bodyEn: tr('form.bodyEn'),
    optional: tr('form.optional'),
    checksTitle: tr('check.title'),
    checksNote: tr('check.canStillSave'),
    submit,
  };
}

export function scopeGroups(options: Options, locale: Locale): ScopeGroup[] {
  const tr = t(locale, 'maintenance');
  return options.groups.map((g) => ({
    name: g.name ? localized(locale, g.name, g.nameEn) : tr('form.ungrouped'),
    components: g.components.map((c) => ({ id: c.id, name: localized(locale, c.name, c.nameEn) })),
  }));
}
