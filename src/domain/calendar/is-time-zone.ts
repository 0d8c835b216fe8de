import { IANAZone } from 'luxon';

/** Zones seen valid; real traffic names a few dozen, the bound keeps hostile variety from growing it. */
const known = new Set<string>();
const MAX_KNOWN = 1000;

/**
 * Whether `zone` is an IANA time zone this runtime knows. luxon answers by building an
 * Intl.DateTimeFormat every time (~6 % of a turn's CPU, docs/decisions/turn-performance.md); a zone once
 * found valid stays valid for the life of the process, so that answer is remembered.
 */
export function isTimeZone(zone: string): boolean {
  if (known.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  if (known.size < MAX_KNOWN) known.add(zone);
  return true;
}
