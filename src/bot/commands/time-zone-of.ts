import type { Activity } from 'botbuilder';
import { IANAZone } from 'luxon';

/**
 * The person's IANA time zone: Teams sends it as `localTimezone` on messages (and in the clientInfo entity);
 * anything missing or unknown means UTC rather than a guess.
 */
export function timeZoneOf(activity: Partial<Activity>): string {
  const clientInfo = (activity.entities ?? []).find((entity) => entity.type === 'clientInfo') as
    { timezone?: unknown } | undefined;
  for (const candidate of [activity.localTimezone, clientInfo?.timezone]) {
    if (typeof candidate === 'string' && candidate.length <= 64 && IANAZone.isValidZone(candidate)) {
      return candidate;
    }
  }
  return 'UTC';
}
