import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  componentGroups,
  components,
  deliveries,
  demoRows,
  incidents,
  incidentUpdates,
  services,
  subscribers,
} from '../../db/schema';
import { seedDemoIfEmpty } from '../../db/seed';
import { instantToLocalInput } from '../../lib/maintenance/local-time';
import { instanceSecret } from '../../lib/notices/secrets';
import { postIncident } from '../notify-fixtures';
import { confirmationToken, hashManageToken, manageToken } from '../../lib/notices/tokens';
import { resolvePage } from '../../lib/pages/context';
import { createApiKey } from '../../lib/services/api-keys/create';
import { createComponent } from '../../lib/services/components/create';
import { createComponentGroup } from '../../lib/services/components/create-group';
import { systemActor, type ServiceContext } from '../../lib/services/context';
import { openIncident } from '../../lib/services/incidents/open';
import { scheduleMaintenance } from '../../lib/services/maintenances/schedule';
import { startMaintenance } from '../../lib/services/maintenances/start';
import { createMonitor } from '../../lib/services/monitors/create';
import { createTemplate } from '../../lib/services/templates/create';
import { createSubscriber } from '../factories';
import { createUser } from '../console-fixtures';
import { configuredTotpKeySource } from '../../lib/services/sessions/totp-sealing';

// Real rows for every console form to point at: the demo page plus one of each thing an
// action can change, so a form filled from these passes parsing and reaches the service.

export type ConsoleFixtures = Awaited<ReturnType<typeof createConsoleFixtures>>;

const DAY = 86_400_000;

export async function createConsoleFixtures(db: Db) {
  await seedDemoIfEmpty(db);
  const ctx: ServiceContext = { db, actor: systemActor('hardening-fixtures') };
  const page = await resolvePage(db);
  const demoComponents = await db.select().from(components).where(eq(components.pageId, page.id));
  const [group] = await db.select().from(componentGroups).where(eq(componentGroups.pageId, page.id)).limit(1);
  const [service] = await db.select().from(services).where(eq(services.pageId, page.id)).limit(1);
  const componentId = demoComponents[0].id;

  const spareComponent = await createComponent({ ctx, input: { name: 'Spare component', nameEn: 'Spare' } });
  const spareGroup = await createComponentGroup({ ctx, input: { name: 'Spare group' } });
  const open = await openIncident({
    ctx,
    input: {
      title: 'Fixture incident',
      severity: 'minor',
      body: 'Investigating.',
      components: [{ componentId, status: 'degraded_performance' }],
      notify: false,
    },
  });
  const draft = await openIncident({
    ctx,
    input: { title: 'Fixture draft', severity: 'minor', body: 'Draft.', published: false, notify: false },
  });
  const spareDraft = await openIncident({
    ctx,
    input: { title: 'Fixture spare draft', severity: 'minor', body: 'Draft.', published: false, notify: false },
  });
  const withdrawable = await openIncident({
    ctx,
    input: { title: 'Fixture mistaken incident', severity: 'minor', body: 'Posted by mistake.', notify: false },
  });
  // "Remove demo data" must not take the demo rows the other fixtures point at: only this one counts as demo.
  const demoOnly = await createComponent({ ctx, input: { name: 'Fixture demo component' } });
  await db.delete(demoRows);
  await db.insert(demoRows).values({ entityType: 'component', entityId: demoOnly.id });
  const [resolved] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.pageId, page.id), eq(incidents.status, 'resolved')))
    .limit(1);
  const [update] = await db
    .select({ id: incidentUpdates.id })
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, open.id));
  const template = await createTemplate({
    ctx,
    input: { name: 'Fixture template', title: 'Slow', body: 'We are looking into it.' },
  });
  const monitor = await createMonitor({
    ctx,
    input: { name: 'Fixture batch heartbeat', type: 'push', intervalSeconds: 300, timeoutMs: 5000 },
  });
  const spareMonitor = await createMonitor({
    ctx,
    input: { name: 'Fixture spare heartbeat', type: 'push', intervalSeconds: 300, timeoutMs: 5000 },
  });
  const apiKey = await createApiKey({ ctx, input: { name: 'fixture-key' } });
  const subscriber = await createSubscriber(db, page.id, { address: 'fixture-subscriber@example.test' });

  const start = new Date(Date.now() + 30 * DAY);
  start.setUTCHours(15, 0, 0, 0);
  const maintenanceInput = (title: string, at: Date) => ({
    title,
    body: 'Planned work.',
    scheduledStart: at.toISOString(),
    scheduledEnd: new Date(at.getTime() + 60 * 60_000).toISOString(),
    expectedDowntimeMinutes: 30,
    componentIds: [componentId],
  });
  const scheduled = (await scheduleMaintenance({ ctx, input: maintenanceInput('Fixture maintenance', start) })).maintenance;
  const running = (
    await scheduleMaintenance({ ctx, input: maintenanceInput('Fixture running maintenance', new Date(start.getTime() + DAY)) })
  ).maintenance;
  await startMaintenance({ ctx, input: { id: running.id } });
  const cancellable = (
    await scheduleMaintenance({
      ctx,
      input: maintenanceInput('Fixture cancellable maintenance', new Date(start.getTime() + 3 * DAY)),
    })
  ).maintenance;

  const { messageId } = await postIncident(db, { pageId: page.id, components: [{ id: componentId, status: 'major_outage' }] });
  const [dead] = await db
    .update(deliveries)
    .set({ status: 'dead', lastError: 'fixture' })
    .where(eq(deliveries.messageId, messageId))
    .returning({ id: deliveries.id });

  const [admin, operator, viewer, target] = await Promise.all([
    createUser(db, 'admin'),
    createUser(db, 'operator'),
    createUser(db, 'viewer'),
    createUser(db, 'operator'),
  ]);
  const disabled = await createUser(db, 'admin', { disabledAt: new Date() });

  // The public forms' stand-ins for a session: a manage link and a double opt-in link.
  const linkKey = await instanceSecret(db, 'subscription-links');
  await instanceSecret(db, 'recipient-hash');
  const member = await createSubscriber(db, page.id, { address: 'member@example.test' });
  const memberToken = manageToken(linkKey, member.id);
  await db
    .update(subscribers)
    .set({ manageTokenHash: hashManageToken(memberToken) })
    .where(eq(subscribers.id, member.id));
  const pending = await createSubscriber(db, page.id, { address: 'pending@example.test', confirmed: false });
  const pendingToken = confirmationToken(linkKey, pending.id, new Date(Date.now() + DAY));

  return {
    pageId: page.id,
    timeZone: page.timeZone,
    componentId,
    componentIds: demoComponents.map((c) => c.id),
    groupId: group.id,
    serviceId: service.id,
    spareComponent: { id: spareComponent.id, name: 'Spare component' },
    spareGroupId: spareGroup.id,
    openIncidentId: open.id,
    openUpdateId: update.id,
    draftIncidentId: draft.id,
    spareDraftIncidentId: spareDraft.id,
    withdrawableIncidentId: withdrawable.id,
    resolvedIncidentId: resolved.id,
    templateId: template.id,
    apiKeyId: apiKey.id,
    monitorId: monitor.id,
    spareMonitorId: spareMonitor.id,
    subscriberId: subscriber.id,
    deadDeliveryId: dead.id,
    maintenanceId: scheduled.id,
    runningMaintenanceId: running.id,
    cancellableMaintenanceId: cancellable.id,
    localStart: instantToLocalInput(new Date(start.getTime() + 2 * DAY), page.timeZone),
    localEnd: instantToLocalInput(new Date(start.getTime() + 2 * DAY + 60 * 60_000), page.timeZone),
    users: { admin, operator, viewer, target, disabled },
    manageToken: memberToken,
    confirmationToken: pendingToken,
    /** The key material the server under test seals TOTP secrets with (its SESSION_SECRET, for a separate process). */
    totpKeys: configuredTotpKeySource(),
  };
}
