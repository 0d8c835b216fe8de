/** Time comes from here, never from `new Date()` in domain code, so tests can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
