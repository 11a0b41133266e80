import { pgTable, text, timestamptz } from './columns';

/**
 * Keys this installation generates for itself on first use (link signing, recipient hashes).
 * Kept in the database so every web instance and worker shares them and backups carry them.
 */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text('name').primaryKey(),
  /** base64, 32 random bytes. */
  secret: text('secret').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});
