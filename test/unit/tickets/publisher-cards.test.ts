import type { Kysely } from 'kysely';
import type { Database } from '../../../src/store/tables';
import { PublisherCards } from '../../../src/tickets/publisher-cards';
import { engines, type TestDatabase } from '../../support/databases';
import { ticketRow } from '../store/ticket-row';

const ticketId = ticketRow().id;
const at = new Date('2026-12-02T10:00:00.000Z');
const place = { conversationId: 'a:personal-1', locale: 'en-US' };

describe.each(engines)('the cards posted about a ticket, on $name', (engine) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let cards: PublisherCards;
  beforeAll(async () => {
    database = await engine.create();
    db = (await database.open()).db;
    await db.insertInto('tickets').values(ticketRow()).execute();
    cards = new PublisherCards(db);
  });
  afterAll(() => database.destroy());

  test('each card is stored with what it is rendered from again; one posted again in its place is kept as first stored', async () => {
    await cards.remember(
      ticketId,
      { ...place, kind: 'timeline', activityId: 'act-1', timeZone: 'Europe/Berlin', viewerId: 'aad-user-1' },
      at,
    );
    await cards.remember(ticketId, { ...place, kind: 'question', activityId: 'act-2', questionSeq: 4 }, at);
    // The same place again (a retried turn), told as another kind: nothing changes.
    await cards.remember(ticketId, { ...place, kind: 'status', activityId: 'act-1', locale: 'ru-RU' }, at);

    expect(await cards.live(ticketId)).toEqual([
      expect.objectContaining({
        ticketId,
        kind: 'question',
        activityId: 'act-2',
        questionSeq: 4,
        locale: 'en-US',
      }),
      expect.objectContaining({
        ticketId,
        kind: 'timeline',
        activityId: 'act-1',
        locale: 'en-US',
        timeZone: 'Europe/Berlin',
        viewerId: 'aad-user-1',
      }),
    ]);
    const [question] = await cards.live(ticketId);
    expect(question).not.toHaveProperty('timeZone');
    expect(question).not.toHaveProperty('draftId');
  });

  test('a draft card drafted again in its place shows the new draft, live again even if it was gone', async () => {
    await cards.remember(
      ticketId,
      { ...place, kind: 'draft', activityId: 'draft-card', draftId: 'draft-1' },
      at,
    );
    const [first] = (await cards.live(ticketId)).filter((card) => card.activityId === 'draft-card');
    await cards.markGone(first!.id, at);
    expect((await cards.live(ticketId)).map((card) => card.activityId)).not.toContain('draft-card');

    await cards.remember(
      ticketId,
      { ...place, kind: 'draft', activityId: 'draft-card', draftId: 'draft-2' },
      at,
    );

    const again = (await cards.live(ticketId)).filter((card) => card.activityId === 'draft-card');
    expect(again).toEqual([expect.objectContaining({ id: first!.id, kind: 'draft', draftId: 'draft-2' })]);
  });
});
