import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { components, componentStatusChanges, pages, subscriberComponents, subscribers } from '../db/schema';
import type { Channel, ComponentStatus } from '../lib/domain/statuses';

// Small factories for integration tests on a real database: no mocks of it.

export async function createPage(db: Db, overrides: Partial<typeof pages.$inferInsert> = {}) {
  const [page] = await db
    .insert(pages)
    .values({ slug: `p-${randomUUID().slice(0, 8)}`, name: 'テスト', ...overrides })
    .returning();
  return page;
}

export async function createComponent(db: Db, pageId: string, overrides: Partial<typeof components.$inferInsert> = {}) {
  const createdAt = overrides.createdAt ?? new Date('2026-01-01T00:00:00Z');
  const status: ComponentStatus = overrides.status ?? 'operational';
  const [component] = await db
    .insert(components)
    .values({ pageId, name: 'API', createdAt, status, ...overrides })
    .returning();
  await db.insert(componentStatusChanges).values({ componentId: component.id, status, from: createdAt, source: 'seed' });
  return component;
}

export async function createSubscriber(
  db: Db,
  pageId: string,
  options: { channel?: Channel; address?: string; confirmed?: boolean; componentIds?: string[]; locale?: 'ja' | 'en' } = {},
) {
  const channel = options.channel ?? 'email';
  const [subscriber] = await db
    .insert(subscribers)
    .values({
      pageId,
      channel,
      address: options.address ?? `${randomUUID().slice(0, 8)}@example.com`,
      locale: options.locale ?? 'ja',
      allComponents: !options.componentIds,
      confirmedAt: options.confirmed === false ? null : new Date('2026-01-01T00:00:00Z'),
    })
    .returning();
  if (options.componentIds?.length) {
    await db
      .insert(subscriberComponents)
      .values(options.componentIds.map((componentId) => ({ subscriberId: subscriber.id, componentId })));
  }
  return subscriber;
}
