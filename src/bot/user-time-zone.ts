import type { Activity } from 'botbuilder';
import { isTimeZone } from '../domain/calendar/is-time-zone';

/**
 * The person's IANA time zone: Teams sends `localTimezone` on the activity; older clients only put it in
 * the clientInfo entity; the Emulator sends neither.
 */
export function userTimeZone(activity: Partial<Activity>): string | undefined {
  const clientInfo = (activity.entities ?? []).find((entity) => entity.type === 'clientInfo') as
    { timezone?: unknown } | undefined;
  for (const candidate of [activity.localTimezone, clientInfo?.timezone]) {
    if (typeof candidate === 'string' && candidate.length <= 64 && isTimeZone(candidate)) {
      return candidate;
    }
  }
  return undefined;
}
