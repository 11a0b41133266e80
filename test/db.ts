import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { adminUrl, templateName, TEMPLATE_DUMP } from './db-names';

/**
 * A fresh, migrated database for one test file, on the driver this vitest project runs:
 * embedded PGlite restored from the run's dump, or a copy of the run's template database.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.TEST_DRIVER === 'postgres')
    return openDatabase({ driver: 'postgres', url: await createPostgresTestDatabase(), max: 4 });
  const dump = new Blob([fs.readFileSync(TEMPLATE_DUMP)]);
  return openDatabase({ driver: 'pglite', loadDataDir: dump });
}

/** A fresh copy of the run's template database on the PostgreSQL server; returns its URL (for child processes). */
export async function createPostgresTestDatabase(): Promise<string> {
  const { default: postgres } = await import('postgres');
  const name = `shirase_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${templateName(inject('runId'))}`);
  await admin.end();
  return adminUrl(name);
}
