const clockTimePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM' (24-hour) → milliseconds after local midnight; undefined when it is not such a time. */
export function parseClockTime(text: string): number | undefined {
  const match = clockTimePattern.exec(text);
  if (!match) return undefined;
  return (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}
