import path from 'node:path';

export const TEMPLATE_DUMP = path.resolve(import.meta.dirname, '../.tmp/pglite-template.tgz');

/** The shared server's URL (tests never touch its own databases, only shirase_<run>_* ones). */
export function adminUrl(database?: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  if (database) url.pathname = `/${database}`;
  return url.toString();
}

export const templateName = (runId: string) => `shirase_${runId}_template`;
