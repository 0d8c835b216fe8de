import { parseRetryAfter, retryDelayMs } from '../../../src/backend/remote/retry-delay';

describe('waiting before a retry', () => {
  test('the ceiling doubles per attempt up to the cap, and the wait is a random share of it', () => {
    const top = { random: () => 1 };
    expect([1, 2, 3, 4, 10].map((a) => retryDelayMs(a, undefined, top))).toEqual([
      200, 400, 800, 1600, 10_000,
    ]);
    expect(retryDelayMs(3, undefined, { random: () => 0 })).toBe(0);
    expect(retryDelayMs(3, undefined, { random: () => 0.5 })).toBe(400);
  });

  test('never sooner than Retry-After', () => {
    expect(retryDelayMs(1, 5000, { random: () => 1 })).toBe(5000);
    expect(retryDelayMs(10, 3000, { random: () => 1 })).toBe(10_000);
  });

  test('Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-11-24T18:00:00.000Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 18:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 17:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
