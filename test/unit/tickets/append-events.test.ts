import { randomUUID } from 'node:crypto';
import type { TicketEvent } from '../../../src/domain/ticket';
import type { Store } from '../../../src/store/create-store';
import { appendTicketEvents } from '../../../src/tickets/append-events';
import { engines, type TestDatabase } from '../../support/databases';
import { ticketRow } from '../store/ticket-row';

const at = '2026-11-25T10:00:00.000Z';
const posted = (message: string): TicketEvent => ({
  type: 'message_posted',
  actor: { kind: 'support', id: 'a1', name: 'Sam' },
  at,
  data: { message },
});

describe.each(engines)("a ticket's events numbered on $name", (engine) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await engine.create();
    store = await database.open();
  });
  afterAll(() => database.destroy());

  async function newTicket(): Promise<string> {
    const id = randomUUID();
    await store.db
      .insertInto('tickets')
      .values(ticketRow({ id, confirmation_number: `SD-${id.slice(0, 8)}`, submission_key: id }))
      .execute();
    return id;
  }

  const stored = (ticketId: string) =>
    store.db
      .selectFrom('ticket_events')
      .select(['seq', 'payload', 'actor_name'])
      .where('ticket_id', '=', ticketId)
      .orderBy('seq')
      .execute();

  test('from 1, one after another within an append and across appends, each ticket on its own', async () => {
    const first = await newTicket();
    const second = await newTicket();
    await store.db
      .transaction()
      .execute((trx) =>
        appendTicketEvents(trx, first, [posted('one'), posted('two')], { outbox: true, now: at }),
      );
    await store.db
      .transaction()
      .execute((trx) => appendTicketEvents(trx, second, [posted('elsewhere')], { outbox: false, now: at }));
    await store.db
      .transaction()
      .execute((trx) => appendTicketEvents(trx, first, [posted('three')], { outbox: true, now: at }));

    expect(
      (await stored(first)).map((e) => [Number(e.seq), JSON.parse(e.payload).message, e.actor_name]),
    ).toEqual([
      [1, 'one', 'Sam'],
      [2, 'two', 'Sam'],
      [3, 'three', 'Sam'],
    ]);
    expect((await stored(second)).map((e) => Number(e.seq))).toEqual([1]);
    // Each event of the first ticket has its outbox row; the second ticket's append asked for none.
    const outbox = await store.db.selectFrom('outbox').select(['ticket_id']).execute();
    expect(outbox.filter((row) => row.ticket_id === first)).toHaveLength(3);
    expect(outbox.filter((row) => row.ticket_id === second)).toHaveLength(0);
  });
});
