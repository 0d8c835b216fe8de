import { startTestApp, type TestApp } from '../../support/test-app';
import type { TeamsChat } from '../../support/teams-activities';
import { notifyEnv, reportFrom, sendsTo, SupportDesk, textsOf, until } from './notify-harness';

const SUPPORT_KEY = 'local-support-key-for-tests-0123456789abcdef';

describe('delivery when Teams throttles, fails or says the chat is gone', () => {
  let test: TestApp;
  let desk: SupportDesk;

  beforeAll(async () => {
    test = await startTestApp({ env: { ...notifyEnv, NOTIFY_MAX_ATTEMPTS: '2' } });
    desk = new SupportDesk(test.app.store);
  });
  afterAll(() => test.close());

  async function acknowledgedTicket(chat: TeamsChat): Promise<string> {
    await chat.install();
    const filed = await test.app.backend.submit(reportFrom(chat));
    if (!filed.ok) throw new Error('report not filed');
    const number = filed.record.ticket.confirmationNumber;
    await desk.act(number, { type: 'acknowledge', priority: 'P2', severity: 'High' });
    test.app.delivery.wake();
    return number;
  }

  async function outboxOf(number: string) {
    return test.app.store.db
      .selectFrom('outbox')
      .innerJoin('tickets', 'tickets.id', 'outbox.ticket_id')
      .innerJoin('ticket_events', 'ticket_events.id', 'outbox.event_id')
      .select([
        'ticket_events.type',
        'outbox.state',
        'outbox.attempts',
        'outbox.throttled',
        'outbox.last_error',
      ])
      .where('tickets.confirmation_number', '=', number)
      .where('ticket_events.type', '=', 'acknowledged')
      .executeTakeFirstOrThrow();
  }

  it('waits for Retry-After after a 429 and then delivers the message once', async () => {
    const chat = test.chat();
    test.connector.fail({
      status: 429,
      retryAfterSeconds: 1,
      when: (c) => c.conversationId === chat.conversationId && c.kind === 'send',
    });
    const number = await acknowledgedTicket(chat);
    const [delivered] = await test.connector.waitFor(sendsTo(chat.conversationId));
    const throttled = test.connector.calls.find(
      (c) => c.conversationId === chat.conversationId && c.status === 429,
    );
    expect(throttled).toBeDefined();
    expect(delivered!.at - throttled!.at).toBeGreaterThanOrEqual(1000);
    expect(textsOf(delivered!)).toContain(number);
    await until(async () => (await outboxOf(number)).state === 'sent');
    expect(await outboxOf(number)).toMatchObject({ state: 'sent', attempts: 0, throttled: 1 });
    expect(test.connector.calls.filter(sendsTo(chat.conversationId))).toHaveLength(1);
  });

  it("keeps a publisher's messages in the order they happened while one of them waits out a 429", async () => {
    const chat = test.chat();
    test.connector.fail({
      status: 429,
      retryAfterSeconds: 1,
      when: (c) => c.conversationId === chat.conversationId && c.kind === 'send',
    });
    const first = await acknowledgedTicket(chat);
    await test.connector.waitFor((c) => c.conversationId === chat.conversationId && c.status === 429);
    // Two more tickets' acknowledgements become due while the first one waits for Retry-After.
    const later = [await acknowledgedTicket(chat), await acknowledgedTicket(chat)];
    const delivered = await test.connector.waitFor(sendsTo(chat.conversationId), 3);
    const order = delivered.map((call) => [first, ...later].find((n) => textsOf(call).includes(n)));
    expect(order).toEqual([first, ...later]);
    await until(async () => (await outboxOf(later[1]!)).state === 'sent');
    expect(test.connector.calls.filter(sendsTo(chat.conversationId))).toHaveLength(3);
  });

  it('retries after a 5xx and delivers once the connector recovers', async () => {
    const chat = test.chat();
    test.connector.fail({
      status: 503,
      when: (c) => c.conversationId === chat.conversationId && c.kind === 'send',
    });
    const number = await acknowledgedTicket(chat);
    await test.connector.waitFor(sendsTo(chat.conversationId), 1, 15_000);
    await until(async () => (await outboxOf(number)).state === 'sent');
    expect(await outboxOf(number)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(test.connector.calls.filter(sendsTo(chat.conversationId))).toHaveLength(1);
  });

  it('gives up after the attempt limit, logs an error and lists the dead letter for support', async () => {
    const chat = test.chat();
    test.connector.fail({
      status: 502,
      times: 2,
      when: (c) => c.conversationId === chat.conversationId && c.kind === 'send',
    });
    const number = await acknowledgedTicket(chat);
    await until(async () => (await outboxOf(number)).state === 'dead', 15_000);
    expect(await outboxOf(number)).toMatchObject({ state: 'dead', attempts: 1 });
    expect(test.logs.some((l) => l.event === 'notify.dead' && l.level === 'error')).toBe(true);
    expect(test.connector.calls.filter(sendsTo(chat.conversationId))).toHaveLength(0);

    const anonymous = await fetch(`${test.url}/api/support/dead-letters`);
    expect(anonymous.status).toBe(401);
    const listed = await fetch(`${test.url}/api/support/dead-letters`, {
      headers: { Authorization: `Bearer ${SUPPORT_KEY}` },
    });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { items: Array<Record<string, unknown>>; total: number };
    expect(body.items).toContainEqual(
      expect.objectContaining({ confirmationNumber: number, eventType: 'acknowledged', attempts: 1 }),
    );
  });

  it('on 403 marks the chat inactive, notes on the ticket that the publisher is unreachable, and does not retry', async () => {
    const chat = test.chat();
    test.connector.fail({
      status: 403,
      when: (c) => c.conversationId === chat.conversationId && c.kind === 'send',
    });
    const number = await acknowledgedTicket(chat);
    await until(async () => (await outboxOf(number)).state === 'dead');
    const reference = await test.app.store.db
      .selectFrom('conversation_references')
      .select(['active', 'inactive_reason'])
      .where('conversation_id', '=', chat.conversationId)
      .executeTakeFirstOrThrow();
    expect(Number(reference.active)).toBe(0);
    expect(reference.inactive_reason).toContain('403');
    const ticket = await test.app.store.db
      .selectFrom('tickets')
      .select(['publisher_unreachable_at', 'publisher_unreachable_reason'])
      .where('confirmation_number', '=', number)
      .executeTakeFirstOrThrow();
    expect(ticket.publisher_unreachable_at).not.toBeNull();
    expect(ticket.publisher_unreachable_reason).toContain('403');
    // One refused call to that chat: no retry loop.
    expect(
      test.connector.calls.filter((c) => c.conversationId === chat.conversationId && c.status === 403),
    ).toHaveLength(1);

    // The publisher writes again: the next message reaches them and the note is gone.
    await chat.send('help');
    await desk.act(number, { type: 'post_message', message: 'We are testing your fix.' });
    test.app.delivery.wake();
    await test.connector.waitFor(
      (c) => sendsTo(chat.conversationId)(c) && textsOf(c).includes('We are testing your fix.'),
    );
    await until(async () => {
      const after = await test.app.store.db
        .selectFrom('tickets')
        .select(['publisher_unreachable_at', 'publisher_unreachable_reason'])
        .where('confirmation_number', '=', number)
        .executeTakeFirstOrThrow();
      return after.publisher_unreachable_at === null && after.publisher_unreachable_reason === null;
    });
  });
});
