import { pgTable, uuid, text, timestamptz, real, jsonb } from './columns';

/** A public status page. Everything hangs from a page so that several pages can come later. */
export const pages = pgTable('pages', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  publicUrl: text('public_url'),
  timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
  defaultLocale: text('default_locale').$type<'ja' | 'en'>().notNull().default('ja'),
  logoUrl: text('logo_url'),
  /** Share of a partial outage that counts as downtime on the 90-day bars (others use 0.5 or 0.3). */
  partialOutageWeight: real('partial_outage_weight').notNull().default(0.5),
  /** Page-level switches (alert mapping, publish alerts as drafts, ...), validated by lib/. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/** A product with its own SLA policy (components belong to one service). */
export const services = pgTable('services', {
  id: uuid('id').primaryKey().defaultRandom(),
  pageId: uuid('page_id')
    .notNull()
    .references(() => pages.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  position: real('position').notNull().default(0),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  /** Archived services keep their history and policy but leave every choice list. */
  archivedAt: timestamptz('archived_at'),
});

/** The SLA a service's customers signed, as data (shape validated by lib/sla/policy.ts). */
export const slaPolicies = pgTable('sla_policies', {
  serviceId: uuid('service_id')
    .primaryKey()
    .references(() => services.id, { onDelete: 'cascade' }),
  policy: jsonb('policy').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});
