// One place for column helpers so every table stores times the same way: timestamptz, UTC.
import { timestamp } from 'drizzle-orm/pg-core';

export {
  pgTable,
  uuid,
  text,
  integer,
  bigserial,
  bigint,
  boolean,
  real,
  jsonb,
  primaryKey,
  index,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
