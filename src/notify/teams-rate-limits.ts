/**
 * Teams' limits on what a bot may send. Source: Microsoft, "Optimize your bot with rate limiting and best
 * practices in Teams", https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 * - "Per bot per thread limit" (one conversation; every operation counts: send, update, create, delete):
 *   7 operations per 1 s, 8 per 2 s, 60 per 30 s, 1800 per 3600 s.
 * - "Global limit per app per tenant": 50 requests per second. We apply Config.notify.globalPerSecond
 *   (default 50) across all tenants, which is stricter and needs no per-tenant bookkeeping.
 * The page warns that the values may change and that 429 must still be handled (with Retry-After or
 * exponential backoff with jitter); these limits keep 429s rare, they do not replace that handling.
 */
export const perConversationLimits: ReadonlyArray<{ readonly points: number; readonly seconds: number }> = [
  { points: 7, seconds: 1 },
  { points: 8, seconds: 2 },
  { points: 60, seconds: 30 },
  { points: 1800, seconds: 3600 },
];

/** The documented global limit, for Config.notify.globalPerSecond's default and the benchmark's stand-in. */
export const teamsGlobalPerSecond = 50;
