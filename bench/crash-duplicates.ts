/**
 * Duplicates after a crash (npm run bench:crash).
 *
 * A spawned bot (src/main.ts, as `npm start` runs it) delivers one acknowledgement to each of N
 * publishers through a slow connector stand-in (each call is delivered when it arrives and answered
 * --latency-ms later, as a real service posts a message whether or not the caller is still there to
 * hear the answer). When the connector has received half of them, the bot is killed with SIGKILL (or
 * stopped with SIGTERM: --term), restarted on the same store, and left to deliver the rest. Printed:
 * - in flight: the notifications the connector had and the bot had not marked sent when it died —
 *   the only ones a restart can repeat — split into those still waiting for the connector's answer
 *   (unavoidable without an idempotency key on Teams' side) and those answered but not yet marked (the
 *   bot's own window, which should be empty);
 * - leased but unsent: claimed by the dead bot, not yet sent; they wait for the lease, but are not repeated;
 * - doubled: notifications delivered twice after the restart, and doubled / N (N publishers) and
 *   doubled / in flight. On SIGTERM the bot lets its sends finish and marks them: doubled must be 0.
 *
 * Options: --publishers 40 --latency-ms 1500 --runs 3 --term --postgres (a fresh database on
 *          TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; SQLite otherwise)
 */
import { runCrashScenario, type CrashRunResult } from '../test/support/crash-scenario';
import { flag, wholeArgument as argument } from './bench-arguments';

async function main(): Promise<void> {
  const publishers = argument('publishers', 40);
  const latencyMs = argument('latency-ms', 1500);
  const runs = argument('runs', 3);
  const signal: NodeJS.Signals = flag('term') ? 'SIGTERM' : 'SIGKILL';
  const postgres = flag('postgres');
  console.log(
    `crash bench: ${publishers} publishers, connector latency ${latencyMs} ms, ${signal} when half were received, ` +
      `${postgres ? 'PostgreSQL' : 'SQLite'}, ${runs} run(s)`,
  );
  const results: CrashRunResult[] = [];
  for (let i = 1; i <= runs; i++) {
    const result = await runCrashScenario({ publishers, latencyMs, signal, postgres });
    results.push(result);
    console.log(
      `run ${i}: in flight ${result.inFlight} (awaiting the connector's answer ${result.awaitingAnswer}, ` +
        `answered but not marked ${result.answeredUnmarked}); leased but unsent ${result.leasedUnsent}; ` +
        `doubled ${result.doubled} (outside the in-flight set: ${result.doubledOutsideInFlight})`,
    );
  }
  const sum = (pick: (r: CrashRunResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const doubled = sum((r) => r.doubled);
  const inFlight = sum((r) => r.inFlight);
  console.log(
    `doubled / N: ${doubled}/${publishers * runs} = ${(doubled / (publishers * runs)).toFixed(3)}; ` +
      `doubled / in flight: ${doubled}/${inFlight} = ${inFlight ? (doubled / inFlight).toFixed(3) : '0'}; ` +
      `answered but not marked: ${sum((r) => r.answeredUnmarked)}; leased but unsent: ${sum((r) => r.leasedUnsent)}`,
  );
  if (signal === 'SIGTERM' && doubled > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
