import { BOT_ID } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import { notifyEnv, reportFrom, sendsTo, SupportDesk, textsOf, until } from './notify-harness';

/**
 * A publisher whose report reached support without a chat of theirs being saved (a colleague's install,
 * a report relayed by the remote service): the bot opens the 1:1 chat itself, through the connector's
 * createConversation with the tenant, and keeps it for what follows.
 */
describe('a publisher with no saved conversation', () => {
  let test: TestApp;
  let desk: SupportDesk;

  beforeAll(async () => {
    test = await startTestApp({ env: notifyEnv });
    desk = new SupportDesk(test.app.store);
  });
  afterAll(() => test.close());

  async function referencesOf(userId: string) {
    return test.app.store.db
      .selectFrom('conversation_references')
      .select(['conversation_id', 'conversation_type', 'tenant_id', 'active'])
      .where('user_id', '=', userId)
      .execute();
  }

  async function outboxStates(number: string) {
    return test.app.store.db
      .selectFrom('outbox')
      .innerJoin('tickets', 'tickets.id', 'outbox.ticket_id')
      .innerJoin('ticket_events', 'ticket_events.id', 'outbox.event_id')
      .select(['ticket_events.type', 'outbox.state', 'outbox.last_error'])
      .where('tickets.confirmation_number', '=', number)
      .execute();
  }

  it('gets a 1:1 chat created through the connector, with the tenant, and every later message there', async () => {
    const tenantId = '33333333-cccc-4ccc-8ccc-000000000003';
    // A colleague's install tells the bot where the tenant's Teams service is.
    await test.chat({ tenantId }).install();
    const publisher = test.chat({ tenantId, name: 'Robin Publisher' });
    expect(await referencesOf(publisher.user.aadObjectId)).toEqual([]);
    const filed = await test.app.backend.submit(reportFrom(publisher, { conversationId: undefined }));
    if (!filed.ok) throw new Error('report not filed');
    const number = filed.record.ticket.confirmationNumber;

    await desk.act(number, { type: 'acknowledge', priority: 'P2', severity: 'High' });
    test.app.delivery.wake();
    const [created] = await test.connector.waitFor((c) => c.kind === 'createConversation');
    expect(created!.status).toBe(201);
    expect(created!.body).toMatchObject({
      isGroup: false,
      bot: { id: BOT_ID },
      members: [{ id: publisher.user.aadObjectId }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    });

    // The stand-in answered with the new conversation's id: the notification goes there, and it is kept.
    await until(async () => (await referencesOf(publisher.user.aadObjectId)).length === 1);
    const [reference] = await referencesOf(publisher.user.aadObjectId);
    expect(reference).toMatchObject({ conversation_type: 'personal', tenant_id: tenantId });
    const conversationId = reference!.conversation_id;
    expect(conversationId).toMatch(/^a:/);
    const [acknowledged] = await test.connector.waitFor(sendsTo(conversationId));
    expect(textsOf(acknowledged!)).toContain(number);
    await until(async () =>
      (await outboxStates(number)).some((row) => row.type === 'acknowledged' && row.state === 'sent'),
    );

    // The next message reuses the chat: no second createConversation.
    await desk.act(number, { type: 'ask_question', question: 'Which versions are affected?' });
    test.app.delivery.wake();
    await test.connector.waitFor(sendsTo(conversationId), 2);
    expect(test.connector.calls.filter((c) => c.kind === 'createConversation')).toHaveLength(1);
  });

  it('with no one of the tenant ever seen, there is nowhere to create it: the ticket notes the publisher is unreachable', async () => {
    const tenantId = '44444444-dddd-4ddd-8ddd-000000000004';
    const publisher = test.chat({ tenantId });
    const before = test.connector.calls.filter((c) => c.kind === 'createConversation').length;
    const filed = await test.app.backend.submit(reportFrom(publisher, { conversationId: undefined }));
    if (!filed.ok) throw new Error('report not filed');
    const number = filed.record.ticket.confirmationNumber;
    await desk.act(number, { type: 'acknowledge', priority: 'P3', severity: 'Medium' });
    test.app.delivery.wake();
    await until(async () =>
      (await outboxStates(number)).some((row) => row.type === 'acknowledged' && row.state === 'dead'),
    );
    expect(test.connector.calls.filter((c) => c.kind === 'createConversation')).toHaveLength(before);
    const ticket = await test.app.store.db
      .selectFrom('tickets')
      .select(['publisher_unreachable_at'])
      .where('confirmation_number', '=', number)
      .executeTakeFirstOrThrow();
    expect(ticket.publisher_unreachable_at).not.toBeNull();
  });
});
