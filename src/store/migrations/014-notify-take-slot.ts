import { sql } from 'kysely';
import type { StoreMigration } from './store-migration';

/**
 * On PostgreSQL, one function that takes a slot in a conversation's send windows (src/notify/
 * conversation-windows.ts): the conversation's advisory lock, its recent call times, the decision, the
 * new time and the pruning of old ones, in one round trip instead of six (BEGIN, lock, read, insert,
 * delete, COMMIT) for every proactive call. The lock is the one the six statements took
 * (`hashtextextended(conversation, 7)`), so instances of either version exclude each other during a
 * rolling deploy. In PL/pgSQL each query after the lock reads a fresh snapshot (READ COMMITTED), so it
 * sees the times the previous holder committed.
 *
 * Returns the new row's id when a slot was taken, or minus the milliseconds until every window has room.
 * SQLite runs one instance and counts in memory: nothing to do there.
 */
export const notifyTakeSlot: StoreMigration = {
  async up(db, engine) {
    if (engine !== 'postgres') return;
    await sql`
      create or replace function notify_take_slot(
        p_conversation text,
        p_now bigint,
        p_longest bigint,
        p_keep integer,
        p_points integer[],
        p_windows bigint[]
      ) returns bigint
      language plpgsql volatile as $$
      declare
        v_times bigint[];
        v_count integer;
        v_wait bigint := 0;
        v_free bigint;
        v_id bigint;
      begin
        perform pg_advisory_xact_lock(hashtextextended(p_conversation, 7));
        select coalesce(array_agg(recent.sent_at_ms order by recent.sent_at_ms), '{}')
          into v_times
          from (
            select sent_at_ms from notify_send_log
            where conversation_id = p_conversation and sent_at_ms > p_now - p_longest
            order by sent_at_ms desc
            limit p_keep
          ) recent;
        v_count := coalesce(array_length(v_times, 1), 0);
        for i in 1 .. coalesce(array_length(p_points, 1), 0) loop
          if v_count >= p_points[i] then
            v_free := v_times[v_count - p_points[i] + 1] + p_windows[i];
            if v_free > p_now then
              v_wait := greatest(v_wait, v_free - p_now);
            end if;
          end if;
        end loop;
        if v_wait > 0 then
          return -v_wait;
        end if;
        insert into notify_send_log (conversation_id, sent_at_ms)
          values (p_conversation, p_now)
          returning id into v_id;
        delete from notify_send_log
          where conversation_id = p_conversation and sent_at_ms <= p_now - p_longest;
        return v_id;
      end
      $$
    `.execute(db);
  },
};
