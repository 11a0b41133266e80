import { customType } from 'drizzle-orm/pg-core';
import { pgTable, uuid, text, timestamptz, boolean, integer, primaryKey } from './columns';
import { pages } from './pages';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** How the public page, embed, widget and emails look: one row per page, absent until set. */
export const pageBranding = pgTable('page_branding', {
  pageId: uuid('page_id')
    .primaryKey()
    .references(() => pages.id, { onDelete: 'cascade' }),
  /** "#rrggbb"; white or near-black text on it must pass WCAG AA (checked by lib/branding). */
  brandColor: text('brand_color'),
  supportUrl: text('support_url'),
  companyUrl: text('company_url'),
  footerText: text('footer_text'),
  footerTextEn: text('footer_text_en'),
  showCredit: boolean('show_credit').notNull().default(true),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** Uploaded images (logo, favicon), stored in the database so a backup carries them. */
export const pageAssets = pgTable(
  'page_assets',
  {
    pageId: uuid('page_id')
      .notNull()
      .references(() => pages.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'logo' | 'favicon'>().notNull(),
    /** image/png, image/jpeg or image/webp, as read from the bytes (never from the upload). */
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Short hash of the bytes: part of the public URL so caches never serve an old image. */
    version: text('version').notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pageId, t.kind] })],
);
