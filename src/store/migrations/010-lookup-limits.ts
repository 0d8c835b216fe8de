import { sql } from 'kysely';
import type { StoreMigration } from './store-migration';

/**
 * On PostgreSQL, the table rate-limiter-flexible keeps the ticket look-up limits in (per person and per
 * tenant, src/bot/lookup-limits), so every instance counts against the same allowance. Its own shape,
 * made here so no instance races to create it. SQLite runs one instance and counts in memory.
 */
export const lookupLimits: StoreMigration = {
  async up(db, engine) {
    if (engine !== 'postgres') return;
    await sql`create table lookup_limits (
      key varchar(255) primary key,
      points integer not null default 0,
      expire bigint
    )`.execute(db);
  },
};
