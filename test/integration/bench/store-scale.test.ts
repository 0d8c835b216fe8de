import { runBenchScript } from '../../support/run-bench-script';

/**
 * `npm run bench:store` in its smallest form, so it keeps running as the app changes (it had stopped at
 * the chat's look-up limits unnoticed): both engines, 120 tickets, four turns per kind. It checks
 * that every line is printed in its shape; the ratios are the bench's business (exit code 1 when one is
 * over its target, which at this size says nothing).
 */
describe('npm run bench:store, in a tiny configuration', () => {
  test('seeds both stores, answers every kind of turn and prints each line, on SQLite and PostgreSQL', async () => {
    const { code, out } = await runBenchScript('store-scale.ts', [
      '--tickets',
      '120',
      '--tenants',
      '3',
      '--turns',
      '4',
    ]);
    expect([0, 1]).toContain(code);
    for (const engine of ['sqlite', 'postgres']) {
      for (const kind of ['my tickets', 'status <number>', 'support list', 'support list submitted']) {
        expect(out).toMatch(
          new RegExp(
            `^${engine} +${kind} +empty p50 +[\\d.]+ p99 +[\\d.]+ \\| 120 p50 +[\\d.]+ p99 +[\\d.]+ \\| ratio`,
            'm',
          ),
        );
      }
      for (const claim of ['support channel claim', 'outbox claim']) {
        expect(out).toMatch(
          new RegExp(
            `^${engine} +${claim}, nothing to do, straight on the store, p50 ms empty → 120: [\\d.]+ → [\\d.]+`,
            'm',
          ),
        );
      }
    }
    expect(out).toMatch(/^every p99 ratio ≤ 1\.5×: (yes|no)/m);
  }, 240_000);
});
