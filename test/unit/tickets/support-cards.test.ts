import type { Kysely } from 'kysely';
import { fillSupportCardVersions } from '../../../src/store/migrations/016-support-cards-due';
import type { Database } from '../../../src/store/tables';
import { forgetShownCards, SupportCards } from '../../../src/tickets/support-cards';
import { engines, type TestDatabase } from '../../support/databases';
import { ticketRow } from '../store/ticket-row';

const now = new Date('2026-12-03T10:00:00.000Z');
const leaseMs = 60_000;

async function bindChannel(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('support_channels').set({ active: 0 }).where('active', '=', 1).execute();
  await db
    .insertInto('support_channels')
    .values({
      id,
      team_id: `team-${id}`,
      conversation_id: `19:${id}@thread.tacv2`,
      tenant_id: 'tenant-support',
      reference: '{}',
      registered_by_id: 'analyst',
      registered_at: now.toISOString(),
      active: 1,
    })
    .execute();
}

const ticket = (n: number, state: string) =>
  ticketRow({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    confirmation_number: `SD-${String(n).padStart(4, '0')}-TEST`,
    submission_key: `key-${n}`,
    state,
    created_at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
  });

describe.each(engines)('the support channel feed’s work, on $name', (engine) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let cards: SupportCards;
  beforeEach(async () => {
    database = await engine.create();
    const store = await database.open();
    db = store.db;
    cards = new SupportCards(db, store.engine);
    await bindChannel(db, 'channel-a');
  });
  afterEach(() => database.destroy());

  const versions = async () =>
    Object.fromEntries(
      (await db.selectFrom('tickets').select(['confirmation_number', 'support_card_version']).execute()).map(
        (row) => [row.confirmation_number, row.support_card_version],
      ),
    );

  test('the open tickets without a card, then only a ticket that changed: closed ones with no card are never work', async () => {
    await db
      .insertInto('tickets')
      .values([
        ticket(1, 'submitted'),
        ticket(2, 'acknowledged'),
        ...[3, 4, 5].map((n) => ticket(n, 'closed')),
      ])
      .execute();
    const first = await cards.claim('channel-a', 'me', now, leaseMs, 10);
    expect(first.map((work) => work.confirmationNumber)).toEqual(['SD-0001-TEST', 'SD-0002-TEST']);
    // Their card rows exist now, nothing posted yet: 0, still in the feed's work until released.
    expect(await versions()).toMatchObject({ 'SD-0001-TEST': 0, 'SD-0002-TEST': 0, 'SD-0003-TEST': null });
    for (const work of first) {
      expect(
        await cards.release(work, 'me', now, { activityId: `act-${work.ticketId}`, shownVersion: 1 }),
      ).toBe(true);
    }
    expect(await versions()).toEqual({
      'SD-0001-TEST': 1,
      'SD-0002-TEST': 1,
      'SD-0003-TEST': null,
      'SD-0004-TEST': null,
      'SD-0005-TEST': null,
    });
    expect(await cards.claim('channel-a', 'me', now, leaseMs, 10)).toEqual([]);

    // Support changes ticket 2 (whoever moves the version): its card is behind, and only it is work.
    await db
      .updateTable('tickets')
      .set({ version: 2, state: 'closed' })
      .where('confirmation_number', '=', 'SD-0002-TEST')
      .execute();
    const behind = await cards.claim('channel-a', 'me', now, leaseMs, 10);
    expect(behind.map((work) => [work.confirmationNumber, work.activityId])).toEqual([
      ['SD-0002-TEST', 'act-00000000-0000-4000-8000-000000000002'],
    ]);
    await cards.release(behind[0]!, 'me', now, { shownVersion: 2 });
    expect(await cards.claim('channel-a', 'me', now, leaseMs, 10)).toEqual([]);
  });

  test('the active channel’s work is found without naming the channel; with none bound there is none', async () => {
    await db
      .insertInto('tickets')
      .values([ticket(1, 'submitted'), ticket(2, 'acknowledged')])
      .execute();
    const [first, second] = await cards.claimForActiveChannel('me', now, leaseMs, 10);
    expect([first, second].map((work) => [work?.bindingId, work?.confirmationNumber])).toEqual([
      ['channel-a', 'SD-0001-TEST'],
      ['channel-a', 'SD-0002-TEST'],
    ]);
    // Leased: another claim, by name or not, finds nothing until they are released.
    expect(await cards.claimForActiveChannel('other', now, leaseMs, 10)).toEqual([]);
    expect(await cards.claim('channel-a', 'other', now, leaseMs, 10)).toEqual([]);
    await cards.release(first!, 'me', now, { activityId: 'act-1', shownVersion: 1 });
    await cards.release(second!, 'me', now, { activityId: 'act-2', shownVersion: 1 });

    // Channel b replaces channel a: every open ticket is b's work, named b.
    await db.transaction().execute(async (trx) => {
      await bindChannel(trx, 'channel-b');
      await forgetShownCards(trx);
    });
    const moved = await cards.claimForActiveChannel('me', now, leaseMs, 10);
    expect(moved.map((work) => [work.bindingId, work.confirmationNumber, work.activityId])).toEqual([
      ['channel-b', 'SD-0001-TEST', undefined],
      ['channel-b', 'SD-0002-TEST', undefined],
    ]);

    // No channel bound: nothing is work, and nothing is written.
    await db.updateTable('support_channels').set({ active: 0 }).execute();
    await db.insertInto('tickets').values(ticket(3, 'submitted')).execute();
    const rows = await db.selectFrom('support_channel_cards').selectAll().execute();
    expect(await cards.claimForActiveChannel('me', now, leaseMs, 10)).toEqual([]);
    expect(await db.selectFrom('support_channel_cards').selectAll().execute()).toEqual(rows);
  });

  test('a card released in the channel a new one replaced leaves its ticket in the new channel’s work', async () => {
    await db.insertInto('tickets').values(ticket(1, 'submitted')).execute();
    const [old] = await cards.claim('channel-a', 'me', now, leaseMs, 10);
    // A new channel is bound while the old one's card is being posted.
    await db.transaction().execute(async (trx) => {
      await bindChannel(trx, 'channel-b');
      await forgetShownCards(trx);
    });
    expect(await cards.release(old!, 'me', now, { activityId: 'act-old', shownVersion: 1 })).toBe(true);
    expect(await versions()).toEqual({ 'SD-0001-TEST': null });
    const [fresh] = await cards.claim('channel-b', 'me', now, leaseMs, 10);
    expect(fresh).toMatchObject({ bindingId: 'channel-b', confirmationNumber: 'SD-0001-TEST' });
    expect(fresh).not.toHaveProperty('activityId');
    expect(await versions()).toEqual({ 'SD-0001-TEST': 0 });
  });

  test('on upgrade, each ticket takes the version its card shows in the active channel', async () => {
    await db
      .insertInto('tickets')
      .values([ticket(1, 'submitted'), ticket(2, 'submitted'), ticket(3, 'closed')])
      .execute();
    await db
      .insertInto('support_channel_cards')
      .values([
        {
          binding_id: 'channel-a',
          ticket_id: ticket(1, '').id,
          activity_id: 'a1',
          shown_version: 3,
          updated_at: now.toISOString(),
        },
        {
          binding_id: 'channel-a',
          ticket_id: ticket(3, '').id,
          activity_id: 'a3',
          shown_version: 5,
          updated_at: now.toISOString(),
        },
      ])
      .execute();
    await bindChannel(db, 'channel-c');
    await db
      .insertInto('support_channel_cards')
      .values({
        binding_id: 'channel-c',
        ticket_id: ticket(2, '').id,
        activity_id: 'c2',
        shown_version: 1,
        updated_at: now.toISOString(),
      })
      .execute();
    await db.updateTable('tickets').set({ support_card_version: 9 }).execute();
    await fillSupportCardVersions(db);
    // Only the active channel (c) counts: ticket 2's card there; 1 and 3 have cards in a replaced channel.
    expect(await versions()).toEqual({ 'SD-0001-TEST': null, 'SD-0002-TEST': 1, 'SD-0003-TEST': null });
  });
});
