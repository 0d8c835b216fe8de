import { runBenchScript } from '../../support/run-bench-script';

/**
 * `npm run bench:outbox` in its smallest form, so it keeps running as the outbox changes: both engines,
 * three tickets with four rows queued behind each, five claims. It checks every line's shape (the bench
 * itself fails if a timed claim hands out a queued row); the ratios are the bench's business.
 */
describe('npm run bench:outbox, in a tiny configuration', () => {
  test('times the claim without and with rows queued, behind rows given back and behind leased ones', async () => {
    const { code, out } = await runBenchScript('outbox-backlog.ts', [
      '--tickets',
      '3',
      '--behind',
      '4',
      '--claims',
      '5',
    ]);
    expect(code).toBe(0);
    const number = String.raw`\d+\.\d{3} ms`;
    for (const engine of ['sqlite  ', 'postgres']) {
      expect(out).toMatch(
        new RegExp(
          String.raw`\[${engine}\] rows given back to retry: claim ${number} → ${number} with 12 queued  ratio \d+\.\d\d×  (ok|over 1\.5×)`,
        ),
      );
      expect(out).toMatch(
        new RegExp(
          String.raw`\[${engine}\] rows leased, waiting in place: claim ${number} → ${number}  ratio \d+\.\d\d× \(for the record\)`,
        ),
      );
    }
  });
});
