import { and, asc, gt } from 'drizzle-orm';
import { subscribers } from '../../../db/schema';
import type { Locale } from '../../i18n/locales';
import { requireRole, WRITERS, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { componentNames, stateOf, subscriberFilter, subscriberQuery } from './list';

const COLUMNS = [
  'id',
  'channel',
  'address',
  'locale',
  'state',
  'components',
  'created_at',
  'confirmed_at',
  'unsubscribed_at',
  'disabled_reason',
];

/** One CSV field: quoted when needed, and never starting like a spreadsheet formula. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The subscriber list as CSV (UTF-8 with BOM, so Excel opens Japanese text), in pages of
 * 2,000 rows by id, so 100,000 subscribers stream without being held in memory.
 */
export async function* exportSubscribersCsv({
  ctx,
  input,
  locale,
}: {
  ctx: ServiceContext;
  input: unknown;
  locale: Locale;
}): AsyncGenerator<string> {
  requireRole(ctx, WRITERS);
  const filter = subscriberFilter(parseInput(subscriberQuery, input));
  yield `\uFEFF${COLUMNS.join(',')}\r\n`;
  let after: string | null = null;
  for (;;) {
    const rows: (typeof subscribers.$inferSelect)[] = await ctx.db
      .select()
      .from(subscribers)
      .where(and(filter, after ? gt(subscribers.id, after) : undefined))
      .orderBy(asc(subscribers.id))
      .limit(2_000);
    if (rows.length === 0) return;
    const names = await componentNames(
      ctx,
      rows.filter((r) => !r.allComponents).map((r) => r.id),
      locale,
    );
    yield rows
      .map((r) =>
        [
          r.id,
          r.channel,
          r.address,
          r.locale,
          stateOf(r),
          r.allComponents ? '*' : (names.get(r.id) ?? []).join(';'),
          r.createdAt.toISOString(),
          r.confirmedAt?.toISOString() ?? null,
          r.unsubscribedAt?.toISOString() ?? null,
          r.disabledReason,
        ]
          .map(csvField)
          .join(','),
      )
      .map((line) => `${line}\r\n`)
      .join('');
    after = rows[rows.length - 1].id;
  }
}
