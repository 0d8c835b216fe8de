import { runTurnBench } from '../../../bench/turn-bench/run-turn-bench';
import { turnKinds, turnsPerRound, type TurnKind } from '../../../bench/turn-bench/turn-kinds';
import { transpiled } from '../../support/transpiled-tree';

/**
 * The turn bench in its smallest form: both stores, two users, one measured round. Not a timed test:
 * it shows that every kind of turn is made and answered on both bots and that a line per kind is printed
 * in the agreed shape; the ratios are the bench's business, not this test's.
 */
describe('npm run bench (turn latency), in a tiny configuration', () => {
  test('prints a line per kind of turn for each store, every turn answered, and memory before and after', async () => {
    const lines: string[] = [];
    const blocks = await runTurnBench({
      stores: ['sqlite', 'postgres'],
      concurrencies: [2],
      turnsPerKind: 2,
      warmupRounds: 0,
      targetScript: transpiled('bench/turn-bench/target-process.ts'),
      print: (line) => lines.push(line),
    });

    expect(blocks.map((b) => [b.store, b.concurrency])).toEqual([
      ['sqlite', 2],
      ['postgres', 2],
    ]);
    for (const block of blocks) {
      expect(block.lines.map((l) => l.kind)).toEqual([...turnKinds]);
      for (const line of block.lines) {
        // One round, two users: every turn of the round was made and answered, on our bot and the echo.
        expect(line.bot.turns).toBe(2 * turnsPerRound[line.kind as TurnKind]);
        expect(line.echo.turns).toBe(2 * turnsPerRound[line.kind as TurnKind]);
        expect(line.botCpuMs).toBeGreaterThan(0);
        // Every answer to a message goes through the connector; an Action.Execute is answered in the invoke.
        if (line.kind !== 'triage press') expect(line.botCalls.perTurn).toBeGreaterThanOrEqual(1);
      }
      const echoCalls = (kind: TurnKind) => block.lines.find((l) => l.kind === kind)!.echoCalls.perTurn;
      // The echo bot answers a message with one call and an Action.Execute with none.
      expect(echoCalls('help')).toBe(1);
      expect(echoCalls('triage press')).toBe(0);
      const label = `[${block.store.padEnd(8)}  2 users]`;
      for (const kind of turnKinds) {
        const printed = lines.filter((l) => l.startsWith(`${label} ${kind.padEnd(15)} p50 `));
        expect(printed).toHaveLength(1);
        expect(printed[0]).toMatch(
          /p50 +\d+\.\d\d ms p99 +\d+\.\d\d ms ratio p50 \d+\.\d\d× p99 \d+\.\d\d× +cpu \d+\.\d\d ms\/turn \(echo \d+\.\d\d, \d+\.\d\d×\) +connector \d+\.\d calls \d+\.\d KB \(echo \d+\.\d calls \d+\.\d KB\)/,
        );
      }
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^\\${label} rss bot [\\d.]+ MB → [\\d.]+ MB`)),
      );
      expect(block.botMemory.after.rss).toBeGreaterThan(0);
    }
  }, 400_000);
});
