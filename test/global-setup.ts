import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { adminUrl, templateName, TEMPLATE_DUMP } from './db-names';

// Migrate once per run: a PGlite dump for the embedded driver and a template database on
// the real server; every test file then starts from a fresh copy (see test/db.ts).
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  project.provide('runId', runId);
  if (project.name === 'postgres') {
    const { default: postgres } = await import('postgres');
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${templateName(runId)}`);
    const handle = await openDatabase({ driver: 'postgres', url: adminUrl(templateName(runId)), max: 1 });
    await migrateDatabase(handle);
    await handle.close();
    return async () => {
      const rows = await admin`select datname from pg_database where datname like ${`shirase_${runId}%`}`;
      for (const row of rows) await admin.unsafe(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    };
  }
  const handle = await openDatabase({ driver: 'pglite' });
  await migrateDatabase(handle);
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(TEMPLATE_DUMP), { recursive: true });
  fs.writeFileSync(TEMPLATE_DUMP, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    runId: string;
  }
}
