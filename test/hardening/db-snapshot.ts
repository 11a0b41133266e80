import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';

// A dump of the whole database reduced to one line per table (row count and a digest of every
// row's text), so "a rejected input changed nothing" is one equality check per input.

export type DatabaseSnapshot = Record<string, string>;

let cachedQuery: { tables: string[]; text: string } | undefined;

async function snapshotQuery(db: DbOrTx): Promise<string> {
  if (cachedQuery) return cachedQuery.text;
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((r) => r.name);
  const parts = tables.map(
    (t) =>
      `select '${t}' as name, count(*)::int || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from "${t}" x`,
  );
  cachedQuery = { tables, text: parts.join(' union all ') };
  return cachedQuery.text;
}

export async function snapshotDatabase(db: DbOrTx): Promise<DatabaseSnapshot> {
  const rows = rowsOf<{ name: string; digest: string }>(await db.execute(sql.raw(await snapshotQuery(db))));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/** Tables whose digest differs, ignoring `allowed` (tables a refusal legitimately writes, e.g. failed sign-ins). */
export function changedTables(before: DatabaseSnapshot, after: DatabaseSnapshot, allowed: readonly string[] = []): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !allowed.includes(name) && before[name] !== after[name]).sort();
}
