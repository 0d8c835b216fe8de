/**
 * The outbox claim with a backlog (npm run bench:outbox): does a claim stay as cheap when tickets' first
 * notifications wait to be tried again (a 5xx backed off, a long Retry-After) and many later ones queue
 * behind them? Every commit and every poll of every instance runs a claim, so its cost is paid often.
 *
 * Per engine, one fresh store: --tickets tickets, each with one pending row claimed and given back for 30
 * seconds (`retryLater`, as the delivery engine does), then timed: the claim with nothing behind those
 * rows (the baseline), and again after --behind later rows per ticket were queued behind them. Target:
 * the claim with the backlog within 1.5× of the baseline. A second line per engine times the same backlog
 * behind rows still leased (waiting in place for a chat's send window, up to 3 s): the claim's ordering
 * check reads each queued row then, so that line grows with the backlog and is printed for the record,
 * not judged.
 * PostgreSQL: a fresh database, ANALYZEd after seeding as autovacuum would do, dropped afterwards.
 *
 * Options: --tickets 20 --behind 49 --claims 300 --engines sqlite,postgres
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Outbox } from '../src/tickets';
import { appendTicketEvents } from '../src/tickets/append-events';
import type { Store } from '../src/store/create-store';
import { engines } from '../test/support/databases';
import { ticketRow } from '../test/unit/store/ticket-row';
import { listArgument, wholeArgument } from './bench-arguments';

const tickets = wholeArgument('tickets', 20);
const behind = wholeArgument('behind', 49);
const claims = wholeArgument('claims', 300);
const chosen = listArgument('engines', ['sqlite', 'postgres']);

const t0 = new Date('2026-11-25T10:00:00.000Z');
const retryAt = new Date(t0.getTime() + 30_000);
/** The claims run a second in: the heads are not due, the queued rows are. */
const now = new Date(t0.getTime() + 1_000);

/** `count` support messages on the ticket, each with its pending outbox row, as a ticket change writes them. */
async function queue(store: Store, ticketId: string, count: number): Promise<void> {
  const events = Array.from({ length: count }, (_, i) => ({
    type: 'message_posted' as const,
    actor: { kind: 'support' as const, id: 'bench' },
    at: t0.toISOString(),
    data: { message: `message ${i + 1}` },
  }));
  await store.db
    .transaction()
    .execute((trx) => appendTicketEvents(trx, ticketId, events, { outbox: true, now: t0.toISOString() }));
}

/** Milliseconds per claim over `claims` claims, after a few to warm up; each claim finds nothing. */
async function timeClaims(store: Store, outbox: Outbox): Promise<number> {
  if (store.engine === 'postgres') await sql`analyze`.execute(store.db);
  for (let i = 0; i < 20; i++) await outbox.claim('bench-b', now, 60_000, 50);
  const started = process.hrtime.bigint();
  for (let i = 0; i < claims; i++) {
    const claimed = await outbox.claim('bench-b', now, 60_000, 50);
    if (claimed.length > 0) throw new Error('the bench expected every queued row to be held back');
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / claims;
}

async function block(engineName: string, heads: 'given back' | 'leased'): Promise<number[]> {
  const engine = engines.find((e) => e.name === engineName);
  if (!engine) throw new Error(`unknown engine ${engineName}`);
  const database = await engine.create();
  try {
    const store = await database.open();
    const outbox = new Outbox(store.db, store.engine);
    const ids: string[] = [];
    for (let i = 0; i < tickets; i++) {
      const id = randomUUID();
      await store.db
        .insertInto('tickets')
        .values(ticketRow({ id, confirmation_number: `SD-${id.slice(0, 8)}`, submission_key: id }))
        .execute();
      await queue(store, id, 1);
      ids.push(id);
    }
    const claimed = await outbox.claim('bench-a', t0, 60_000, tickets);
    if (heads === 'given back') {
      for (const row of claimed) await outbox.retryLater(row.id, 'bench-a', retryAt, { kind: 'failure' });
    }
    const baseline = await timeClaims(store, outbox);
    for (const id of ids) await queue(store, id, behind);
    if (heads === 'given back') {
      // The engine gives a row back each time it is tried and fails again: the queued rows wait with it.
      const retried = await outbox.claim('bench-a', retryAt, 60_000, tickets);
      for (const row of retried)
        await outbox.retryLater(row.id, 'bench-a', new Date(retryAt.getTime() + 30_000), { kind: 'failure' });
    }
    return [baseline, await timeClaims(store, outbox)];
  } finally {
    await database.destroy();
  }
}

async function main(): Promise<void> {
  console.log(
    `outbox claim: ${tickets} tickets whose first row waits, then ${behind} more rows queued behind each; ${claims} claims timed; target ≤ 1.5× the claim with nothing queued`,
  );
  for (const engine of chosen) {
    const [baseline, backlog] = await block(engine, 'given back');
    const ratio = backlog! / baseline!;
    console.log(
      `[${engine.padEnd(8)}] rows given back to retry: claim ${baseline!.toFixed(3)} ms → ${backlog!.toFixed(3)} ms with ${tickets * behind} queued  ratio ${ratio.toFixed(2)}×  ${ratio <= 1.5 ? 'ok' : 'over 1.5×'}`,
    );
    const [leasedBaseline, leasedBacklog] = await block(engine, 'leased');
    console.log(
      `[${engine.padEnd(8)}] rows leased, waiting in place: claim ${leasedBaseline!.toFixed(3)} ms → ${leasedBacklog!.toFixed(3)} ms  ratio ${(leasedBacklog! / leasedBaseline!).toFixed(2)}× (for the record)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
