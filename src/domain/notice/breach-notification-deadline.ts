const dayMs = 86_400_000;

export interface BreachNotificationDeadline {
  /** The day the controller became aware, 'YYYY-MM-DD'. */
  readonly awareOn: string;
  /** The discovery date, or the incident's start when the report has no discovery date. */
  readonly from: 'discovery' | 'start';
  /** The day 72 hours later, 'YYYY-MM-DD'. */
  readonly dueOn: string;
  /** Whether the due day is over by `now` (in UTC; the report knows days, not hours). */
  readonly passed: boolean;
}

/**
 * GDPR Art. 33(1): notify "not later than 72 hours after having become aware". The report records
 * days, so the deadline is a day: three days after the day of awareness, at the hour of awareness.
 * Without a discovery date the incident's start stands in: no one became aware before it started, so
 * counting from it can only bring the deadline forward, never let it slip.
 */
export function breachNotificationDeadline(
  discoveredOn: string | undefined,
  startedOn: string | undefined,
  now: Date,
): BreachNotificationDeadline | undefined {
  const awareOn = discoveredOn ?? startedOn;
  if (!awareOn) return undefined;
  const aware = Date.parse(`${awareOn}T00:00:00Z`);
  const due = aware + 3 * dayMs;
  return {
    awareOn,
    from: discoveredOn ? 'discovery' : 'start',
    dueOn: new Date(due).toISOString().slice(0, 10),
    passed: now.getTime() >= due + dayMs,
  };
}
