import { runCrashScenario } from '../../support/crash-scenario';

/**
 * Issue 14.6: a crash can repeat only the notifications the connector had and the bot had not yet
 * heard back about (Teams has no idempotency key); nothing it had already been told of, nothing it had
 * not sent. Leases are taken only as the gate will send, so few unsent works wait for a dead lease. A
 * graceful stop repeats nothing. Figures for more runs: `npm run bench:crash` (notification-delivery.md).
 */
describe('notifications in flight when the bot stops', () => {
  test('kill -9 repeats only what the connector had not answered yet, and leaves few unsent leases', async () => {
    const result = await runCrashScenario({
      publishers: 40,
      latencyMs: 1000,
      signal: 'SIGKILL',
      postgres: false,
    });
    expect(result.inFlight).toBeGreaterThan(0);
    expect(result.answeredUnmarked).toBe(0);
    expect(result.doubledOutsideInFlight).toBe(0);
    expect(result.doubled).toBeLessThanOrEqual(result.inFlight);
    // Before: all 40 leased at once, 20 of them unsent at the kill.
    expect(result.leasedUnsent).toBeLessThanOrEqual(15);
  }, 120_000);

  test('SIGTERM lets the sends in flight finish and marks them: nothing is repeated', async () => {
    const result = await runCrashScenario({
      publishers: 40,
      latencyMs: 1000,
      signal: 'SIGTERM',
      postgres: false,
    });
    expect(result).toEqual({
      inFlight: 0,
      awaitingAnswer: 0,
      answeredUnmarked: 0,
      leasedUnsent: 0,
      doubled: 0,
      doubledOutsideInFlight: 0,
    });
  }, 120_000);
});
