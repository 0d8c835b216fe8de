/**
 * Turn latency: every kind of turn (help, report, a report step, the submit, status, my tickets, a reply,
 * the CVSS calculator and its score, a triage press) over HTTP on loopback against the real bot, and the
 * same activities against a bare botbuilder echo bot on the same stack, in alternating rounds of the same
 * run, each bot in its own process; on SQLite and PostgreSQL, at 4 and 16 users at once. Prints per kind
 * p50/p99, their ratio to the echo bot (target p99 ≤ 1.5×), the bot's CPU time per turn, and both
 * processes' memory before and after.
 *
 *   npm run bench                         both stores, 4 and 16 users, ≥ 200 turns per kind
 *   npm run bench -- --quick              a smoke run: SQLite, 2 users, a few turns
 *   npm run bench -- --store postgres --concurrency 16 --turns 400
 *   npm run bench -- --profile bench-profiles   a CPU profile of the bot's measured rounds, summarised
 *   npm run bench -- --kinds help,status --profile p   only those kinds (report step and submit need report)
 *   npm run bench -- --soak               10,000 turns on the bot: RSS and live heap before and after
 *
 * PostgreSQL: a fresh database on TEST_DATABASE_URL's server (default postgres@127.0.0.1:5432), dropped after.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { profileLines } from './turn-bench/summarise-profile';
import { runSoak, runTurnBench, type BenchStore } from './turn-bench/run-turn-bench';
import { turnKinds, type TurnKind } from './turn-bench/turn-kinds';
import { textArgument, wholeArgument } from './bench-arguments';

function stores(): BenchStore[] {
  const raw = textArgument('store') ?? 'both';
  if (raw === 'both') return ['sqlite', 'postgres'];
  if (raw === 'sqlite' || raw === 'postgres') return [raw];
  throw new Error('--store must be sqlite, postgres or both');
}

function kinds(): TurnKind[] | undefined {
  const raw = textArgument('kinds');
  if (raw === undefined) return undefined;
  const named = raw.split(',').map((k) => k.trim());
  const unknown = named.filter((k) => !(turnKinds as readonly string[]).includes(k));
  if (unknown.length > 0 || named.length === 0)
    throw new Error(`--kinds takes a comma-separated list of: ${turnKinds.join(', ')}`);
  return turnKinds.filter((k) => named.includes(k));
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const print = (line: string) => console.log(line);
  if (process.argv.includes('--soak')) {
    for (const store of textArgument('store') ? stores() : (['sqlite'] as BenchStore[])) {
      await runSoak(
        store,
        wholeArgument('concurrency', 16),
        wholeArgument('turns', 10_000),
        wholeArgument('warmup', 2_000),
        print,
      );
    }
    return;
  }
  const concurrencies = textArgument('concurrency')
    ? [wholeArgument('concurrency', 16)]
    : quick
      ? [2]
      : [4, 16];
  const profileDir = textArgument('profile') ? resolve(textArgument('profile')!) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const blocks = await runTurnBench({
    stores: quick && !textArgument('store') ? ['sqlite'] : stores(),
    concurrencies,
    turnsPerKind: wholeArgument('turns', quick ? 8 : 200),
    warmupRounds: wholeArgument('warmup', quick ? 1 : 3),
    ...(kinds() ? { kinds: kinds()! } : {}),
    ...(profileDir ? { profileDir } : {}),
    print,
  });
  for (const block of blocks) if (block.profile) profileLines(block.profile).forEach(print);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
