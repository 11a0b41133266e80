import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { componentGroups, maintenances, notificationMessages, pages, services, slaPolicies, users } from '../db/schema';
import type { Role } from '../lib/domain/statuses';
import type { Actor, ServiceContext } from '../lib/services/context';
import type { SlaPolicy } from '../lib/sla/policy';
import { createComponent, createPage, createSubscriber } from './factories';

// A service with its SLA policy, three components (two client, one consumer), a subscriber to
// everything and one user per role, on the installation's primary page.

export const jst = (local: string) => new Date(`${local}+09:00`);
export const minutes = (n: number) => n * 60_000;

export async function createUser(db: Db, role: Role, locale: 'ja' | 'en' = 'ja'): Promise<Actor & { kind: 'user' }> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`;
  const [user] = await db.insert(users).values({ email, role, locale, name: role }).returning();
  return { kind: 'user', userId: user.id, email, role };
}

export async function maintenanceFixture(db: Db, policy: SlaPolicy) {
  const [existing] = await db.select().from(pages).orderBy(asc(pages.createdAt)).limit(1);
  const page = existing ?? (await createPage(db, { timeZone: 'Asia/Tokyo', createdAt: new Date('2025-01-01T00:00:00Z') }));
  const [service] = await db
    .insert(services)
    .values({ pageId: page.id, slug: `s-${randomUUID().slice(0, 6)}`, name: 'マーケティング', nameEn: 'Marketing' })
    .returning();
  await db.insert(slaPolicies).values({ serviceId: service.id, policy: policy as unknown as Record<string, unknown> });
  const [group] = await db
    .insert(componentGroups)
    .values({ pageId: page.id, serviceId: service.id, name: 'クライアント機能', functionGroup: 'client' })
    .returning();
  const consoleComponent = await createComponent(db, page.id, {
    name: '管理画面',
    nameEn: 'Console',
    serviceId: service.id,
    groupId: group.id,
  });
  const mail = await createComponent(db, page.id, {
    name: 'メール配信',
    nameEn: 'Email delivery',
    serviceId: service.id,
    groupId: group.id,
  });
  const forms = await createComponent(db, page.id, {
    name: 'Webフォーム',
    nameEn: 'Web forms',
    serviceId: service.id,
    functionGroup: 'consumer',
  });
  const subscriber = await createSubscriber(db, page.id);
  const operator = await createUser(db, 'operator');
  const viewer = await createUser(db, 'viewer');
  const admin = await createUser(db, 'admin');
  return { page, service, components: { console: consoleComponent, mail, forms }, subscriber, operator, viewer, admin };
}

export function contextAt(db: Db, actor: Actor, at: Date): ServiceContext {
  return { db, actor, now: () => at };
}

export function validFields(componentIds: string[], start: Date, end: Date) {
  return {
    title: 'データベース基盤の更新',
    titleEn: 'Database upgrade',
    body: '管理画面とメール配信が停止します。',
    bodyEn: 'The console and email delivery will be unavailable.',
    scheduledStart: start.toISOString(),
    scheduledEnd: end.toISOString(),
    expectedDowntimeMinutes: 60,
    componentIds,
  };
}

export async function noticesFor(db: Db, maintenanceId: string) {
  return db
    .select({ type: notificationMessages.type, dedupeKey: notificationMessages.dedupeKey, payload: notificationMessages.payload })
    .from(notificationMessages)
    .where(eq(notificationMessages.maintenanceId, maintenanceId))
    .orderBy(asc(notificationMessages.createdAt));
}

export async function maintenanceRow(db: Db, id: string) {
  const [row] = await db.select().from(maintenances).where(eq(maintenances.id, id));
  return row;
}
