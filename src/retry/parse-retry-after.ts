/**
 * Reads a Retry-After header (RFC 9110 §10.2.3): delay-seconds, or an HTTP date (IMF-fixdate) relative
 * to `now`. Undefined when absent or unreadable — `Date.parse` alone would take "-5" for a year.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  // Integers per the RFC; a decimal is tolerated (some gateways send "1.5").
  if (/^\d{1,7}(\.\d{1,3})?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(at - now.getTime(), 0);
}
