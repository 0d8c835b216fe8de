import { backoffDelayMs } from '../../../src/retry/backoff';
import { parseRetryAfter } from '../../../src/retry/parse-retry-after';

const policy = { initialDelayMs: 200, maxDelayMs: 10_000 };

describe('waiting before a retry', () => {
  afterEach(() => jest.restoreAllMocks());

  test('the ceiling doubles per attempt up to the cap, and the wait lies between half the ceiling and the ceiling', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect([1, 2, 3, 4, 10, 1000].map((a) => backoffDelayMs(policy, a))).toEqual([
      199, 399, 799, 1599, 9999, 9999,
    ]);
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect([1, 2, 3, 10].map((a) => backoffDelayMs(policy, a))).toEqual([100, 200, 400, 5000]);
  });

  test('retries of many callers spread out rather than come back in step', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffDelayMs(policy, 4)));
    expect(waits.size).toBeGreaterThan(10);
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(800);
      expect(wait).toBeLessThan(1600);
    }
  });

  test('never sooner than Retry-After', () => {
    expect(backoffDelayMs(policy, 1, 5000)).toBe(5000);
    jest.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect(backoffDelayMs(policy, 10, 3000)).toBe(9999);
  });

  test('Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-11-24T18:00:00.000Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Tue, 24 Nov 2026 18:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 17:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
