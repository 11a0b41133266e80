import { and, asc, eq, isNull } from 'drizzle-orm';
import { componentGroups, components, services } from '../../../db/schema';
import { ROLES, type ComponentStatus } from '../../domain/statuses';
import { resolvePage } from '../../pages/context';
import { requireRole, type ServiceContext } from '../context';

export type ConsoleComponent = {
  id: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  descriptionEn: string | null;
  groupId: string | null;
  serviceId: string | null;
  status: ComponentStatus;
  alertKey: string | null;
  onlyShowIfDegraded: boolean;
  functionGroup: string | null;
};
export type ConsoleGroup = {
  id: string | null;
  name: string | null;
  nameEn: string | null;
  functionGroup: string | null;
  serviceId: string | null;
  components: ConsoleComponent[];
};

/** Every live component by group, in display order (ungrouped last): the console's component catalogue. */
export async function listConsoleComponents({ ctx }: { ctx: ServiceContext }): Promise<{
  pageId: string;
  groups: ConsoleGroup[];
  services: { id: string; name: string; nameEn: string | null }[];
}> {
  requireRole(ctx, ROLES);
  const page = await resolvePage(ctx.db);
  const [groupRows, componentRows, serviceRows] = await Promise.all([
    ctx.db
      .select()
      .from(componentGroups)
      .where(eq(componentGroups.pageId, page.id))
      .orderBy(asc(componentGroups.position), asc(componentGroups.createdAt)),
    ctx.db
      .select()
      .from(components)
      .where(and(eq(components.pageId, page.id), isNull(components.deletedAt)))
      .orderBy(asc(components.position), asc(components.createdAt)),
    ctx.db
      .select({ id: services.id, name: services.name, nameEn: services.nameEn })
      .from(services)
      .where(eq(services.pageId, page.id))
      .orderBy(asc(services.position)),
  ]);
  const shape = (c: (typeof componentRows)[number]): ConsoleComponent => ({
    id: c.id,
    name: c.name,
    nameEn: c.nameEn,
    description: c.description,
    descriptionEn: c.descriptionEn,
    groupId: c.groupId,
    serviceId: c.serviceId,
    status: c.status,
    alertKey: c.alertKey,
    onlyShowIfDegraded: c.onlyShowIfDegraded,
    functionGroup: c.functionGroup,
  });
  const groups: ConsoleGroup[] = groupRows.map((g) => ({
    id: g.id,
    name: g.name,
    nameEn: g.nameEn,
    functionGroup: g.functionGroup,
    serviceId: g.serviceId,
    components: componentRows.filter((c) => c.groupId === g.id).map(shape),
  }));
  const ungrouped = componentRows.filter((c) => !c.groupId || !groupRows.some((g) => g.id === c.groupId));
  groups.push({ id: null, name: null, nameEn: null, functionGroup: null, serviceId: null, components: ungrouped.map(shape) });
  return { pageId: page.id, groups, services: serviceRows };
}
