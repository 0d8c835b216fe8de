import { sql } from 'kysely';
import type { StoreMigration } from './store-migration';

/**
 * On PostgreSQL, a proactive call's whole gate in one round trip: the conversation's send windows (as
 * `notify_take_slot`, migration 014) and then the bot-wide windows shared by the instances, both sliding
 * logs in `notify_send_log` (the bot-wide one under a key no Teams conversation id has), each read and
 * appended under its own advisory lock, taken in that order (conversation, then bot-wide), so no two
 * callers wait on each other in a cycle. Before, the bot-wide limit was two rate-limiter-flexible upserts
 * (fixed windows in `notify_rate_limits`) after the conversation's slot: three round trips per call.
 *
 * Returns `{conversation row id, bot-wide row id}` when a slot was taken in every window (the bot-wide id
 * is 0 when no bot-wide windows are given), or `{-milliseconds until there is room, scope}` with scope 1
 * for the conversation's windows and 2 for the bot-wide ones. `notify_take_slot` stays for instances of
 * the previous version during a rolling deploy; while both run, each counts the bot-wide limit in its own
 * place (each process still holds its own share, src/notify/send-gate.ts).
 * SQLite runs one instance and counts in memory: nothing to do there.
 */
export const notifyTakeSlots: StoreMigration = {
  async up(db, engine) {
    if (engine !== 'postgres') return;
    await sql`
      create or replace function notify_window_wait(
        p_key text,
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
      begin
        select coalesce(array_agg(recent.sent_at_ms order by recent.sent_at_ms), '{}')
          into v_times
          from (
            select sent_at_ms from notify_send_log
            where conversation_id = p_key and sent_at_ms > p_now - p_longest
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
        return v_wait;
      end
      $$
    `.execute(db);
    await sql`
      create or replace function notify_log_append(p_key text, p_now bigint, p_longest bigint) returns bigint
      language plpgsql volatile as $$
      declare
        v_id bigint;
      begin
        insert into notify_send_log (conversation_id, sent_at_ms) values (p_key, p_now) returning id into v_id;
        delete from notify_send_log where conversation_id = p_key and sent_at_ms <= p_now - p_longest;
        return v_id;
      end
      $$
    `.execute(db);
    await sql`
      create or replace function notify_take_slots(
        p_conversation text,
        p_now bigint,
        p_longest bigint,
        p_keep integer,
        p_points integer[],
        p_windows bigint[],
        p_bot text,
        p_bot_longest bigint,
        p_bot_keep integer,
        p_bot_points integer[],
        p_bot_windows bigint[]
      ) returns bigint[]
      language plpgsql volatile as $$
      declare
        v_wait bigint;
        v_id bigint;
        v_bot_id bigint := 0;
        v_bot boolean := coalesce(array_length(p_bot_points, 1), 0) > 0;
      begin
        perform pg_advisory_xact_lock(hashtextextended(p_conversation, 7));
        v_wait := notify_window_wait(p_conversation, p_now, p_longest, p_keep, p_points, p_windows);
        if v_wait > 0 then
          return array[-v_wait, 1];
        end if;
        if v_bot then
          perform pg_advisory_xact_lock(hashtextextended(p_bot, 7));
          v_wait := notify_window_wait(p_bot, p_now, p_bot_longest, p_bot_keep, p_bot_points, p_bot_windows);
          if v_wait > 0 then
            return array[-v_wait, 2];
          end if;
          v_bot_id := notify_log_append(p_bot, p_now, p_bot_longest);
        end if;
        v_id := notify_log_append(p_conversation, p_now, p_longest);
        return array[v_id, v_bot_id];
      end
      $$
    `.execute(db);
  },
};
