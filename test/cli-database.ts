import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { adminUrl, templateName } from './db-names';

// A database of its own for tests that run an npm script as a real subprocess: a temporary
// PGlite folder (PGLITE_DIR), or on the postgres project a fresh database made from the run's
// migrated template (DATABASE_URL). The subprocess sees it through the same variables.

export type CliDatabase = {
  /** Scratch folder for the test's files; removed by close(). */
  dir: string;
  open(): Promise<DatabaseHandle>;
  /** `tsx <script> ...args` with the database's variables, as `npm run` would. */
  run(script: string, ...args: string[]): { code: number | null; out: string };
  close(): void;
};

export async function createCliDatabase(prefix: string): Promise<CliDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shirase-${prefix}-`));
  let target: { PGLITE_DIR?: string; DATABASE_URL: string };
  const onPostgres = process.env.TEST_DRIVER === 'postgres';
  if (onPostgres) {
    const { default: postgres } = await import('postgres');
    const name = `shirase_${inject('runId')}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${templateName(inject('runId'))}`);
    await admin.end();
    target = { DATABASE_URL: adminUrl(name) };
  } else {
    target = { PGLITE_DIR: path.join(dir, 'pg'), DATABASE_URL: '' };
  }
  return {
    dir,
    open: () =>
      onPostgres
        ? openDatabase({ driver: 'postgres', url: target.DATABASE_URL, max: 1 })
        : openDatabase({ driver: 'pglite', dir: target.PGLITE_DIR }),
    run(script, ...args) {
      const result = spawnSync(path.resolve('node_modules/.bin/tsx'), [script, ...args], {
        env: { ...process.env, ...target, NODE_ENV: 'production' },
        encoding: 'utf8',
        timeout: 90_000,
      });
      return { code: result.status, out: `${result.stdout}${result.stderr}` };
    },
    close: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
