import { runCrashScenario } from '../../support/crash-scenario';

/**
 * A rolling restart: N notifications in flight through a slow connector, SIGTERM to the bot (as App
 * Service or Kubernetes stops an instance), a new process on the same store. The stopping bot claims
 * nothing more, lets the sends it has in flight finish and marks them within its grace; the new one
 * delivers the rest. Every notification reaches its publisher exactly once: 0 lost (runCrashScenario
 * fails unless all N arrive), 0 doubled, nothing left leased or half-done.
 */
describe.each([
  ['SQLite', false],
  ['PostgreSQL', true],
])('a rolling restart on %s', (_engine, postgres) => {
  test('delivers every notification exactly once', async () => {
    const result = await runCrashScenario({
      publishers: 30,
      latencyMs: 800,
      signal: 'SIGTERM',
      postgres,
      startTimeoutMs: 120_000,
    });
    expect(result).toEqual({
      inFlight: 0,
      awaitingAnswer: 0,
      answeredUnmarked: 0,
      leasedUnsent: 0,
      doubled: 0,
      doubledOutsideInFlight: 0,
    });
  }, 400_000);
});
