import { COMPONENT_INDICATOR, IMPACTS, type Impact } from '../../domain/statuses';
import { t } from '../../i18n/messages';
import { worstStatus } from '../../status/overall';
import { shapeComponents, shapeIncidents, shapeMaintenances, shapePage, type ShapeOptions, type V2Page } from './shapes';
import type { PublicSource } from '../read/source';

/** The eight Statuspage v2 endpoints, by the path under /api/v2/. */
export const V2_DOCUMENTS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const;
export type V2DocumentName = (typeof V2_DOCUMENTS)[number];

export function isV2Document(name: string): name is V2DocumentName {
  return (V2_DOCUMENTS as readonly string[]).includes(name);
}

export type V2Indicator = Impact;
export type V2Status = { indicator: V2Indicator; description: string };

/**
 * The page rollup: the worst of the component statuses and the impact of unresolved
 * incidents, one of none|minor|major|critical. Maintenance alone keeps `none` and says so.
 */
export function pageStatus(source: PublicSource, options: ShapeOptions): V2Status {
  const worst = worstStatus(source.components.map((c) => c.status));
  const impacts = source.incidents.filter((i) => i.status !== 'resolved').map((i) => i.impact);
  const indicator = [COMPONENT_INDICATOR[worst], ...impacts].reduce<V2Indicator>(
    (a, b) => (IMPACTS.indexOf(b) > IMPACTS.indexOf(a) ? b : a),
    'none',
  );
  const inMaintenance = worst === 'under_maintenance' || source.maintenances.some((m) => m.status === 'in_progress');
  const key = indicator === 'none' && inMaintenance ? 'maintenance' : indicator;
  // A page with nothing on it yet: `none`, but not "all systems operational".
  if (indicator === 'none' && source.components.length === 0)
    return { indicator, description: t(options.locale, 'firstday')('api.statusEmpty') };
  return { indicator, description: t(options.locale, 'api')(`status.${key}`) };
}

/** Builds one v2 document as a plain object, ready for JSON.stringify. */
export function buildV2Document(
  name: V2DocumentName,
  source: PublicSource,
  options: ShapeOptions,
): { page: V2Page } & Record<string, unknown> {
  const page = shapePage(source, options);
  const now = source.loadedAt;
  const unresolved = () => source.incidents.filter((i) => i.status !== 'resolved');
  const active = () => source.maintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying');
  const upcoming = () =>
    source.maintenances
      .filter((m) => m.status === 'scheduled' && m.scheduledEnd > now)
      .sort((a, b) => a.scheduledStart.getTime() - b.scheduledStart.getTime());
  switch (name) {
    case 'summary.json':
      return {
        page,
        components: shapeComponents(source, options),
        incidents: shapeIncidents(source, options, unresolved()),
        scheduled_maintenances: shapeMaintenances(source, options, [...active(), ...upcoming()]),
        status: pageStatus(source, options),
      };
    case 'status.json':
      return { page, status: pageStatus(source, options) };
    case 'components.json':
      return { page, components: shapeComponents(source, options) };
    case 'incidents.json':
      return { page, incidents: shapeIncidents(source, options, source.incidents) };
    case 'incidents/unresolved.json':
      return { page, incidents: shapeIncidents(source, options, unresolved()) };
    case 'scheduled-maintenances.json':
      return { page, scheduled_maintenances: shapeMaintenances(source, options, source.maintenances) };
    case 'scheduled-maintenances/upcoming.json':
      return { page, scheduled_maintenances: shapeMaintenances(source, options, upcoming()) };
    case 'scheduled-maintenances/active.json':
      return { page, scheduled_maintenances: shapeMaintenances(source, options, active()) };
  }
}
