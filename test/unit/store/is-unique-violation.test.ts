import { isUniqueViolation } from '../../../src/store/create-store';
import type { Store } from '../../../src/store/create-store';
import { engines, type TestDatabase } from '../../support/databases';
import { ticketRow, orphanEventRow } from './ticket-row';

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('expected the statement to fail');
}

describe.each(engines)('unique violations on $name', (engine) => {
  let database: TestDatabase;
  let store: Store;
  beforeEach(async () => {
    database = await engine.create();
    store = await database.open();
    await store.db.insertInto('tickets').values(ticketRow()).execute();
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('recognises a repeated submission key and says which constraint it hit', async () => {
    const err = await failureOf(
      store.db
        .insertInto('tickets')
        .values(ticketRow({ id: 'second', confirmation_number: 'SD-OTHER' }))
        .execute(),
    );

    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, { table: 'tickets', columns: ['tenant_id', 'submission_key'] })).toBe(true);
    expect(isUniqueViolation(err, { table: 'tickets', columns: ['confirmation_number'] })).toBe(false);
  });

  it('recognises a repeated confirmation number', async () => {
    const err = await failureOf(
      store.db
        .insertInto('tickets')
        .values(ticketRow({ id: 'second', submission_key: 'submission-2' }))
        .execute(),
    );

    expect(isUniqueViolation(err, { table: 'tickets', columns: ['confirmation_number'] })).toBe(true);
    expect(isUniqueViolation(err, { table: 'tickets', columns: ['tenant_id', 'submission_key'] })).toBe(
      false,
    );
  });

  it('recognises a repeated primary key', async () => {
    const err = await failureOf(
      store.db
        .insertInto('tickets')
        .values(ticketRow({ confirmation_number: 'SD-OTHER', submission_key: 'submission-2' }))
        .execute(),
    );

    expect(isUniqueViolation(err, { table: 'tickets', columns: ['id'] })).toBe(true);
  });

  it('does not mistake other failures for a unique violation', async () => {
    const foreignKey = await failureOf(store.db.insertInto('ticket_events').values(orphanEventRow).execute());
    const notNull = await failureOf(
      store.db
        .insertInto('tickets')
        .values(ticketRow({ id: 'third', title: null as never }))
        .execute(),
    );

    expect(isUniqueViolation(foreignKey)).toBe(false);
    expect(isUniqueViolation(notNull)).toBe(false);
  });
});

describe('unique violations, whatever is thrown', () => {
  it.each([
    ['a plain error', new Error('UNIQUE constraint failed: tickets.id')],
    ['a string', 'duplicate key'],
    ['null', null],
    ['undefined', undefined],
  ])('answers false for %s', (_label, thrown) => {
    expect(isUniqueViolation(thrown)).toBe(false);
  });
});
