import { adaptiveCardsOf, cardTexts } from '../../support/connector-stand-in';
import { engines } from '../../support/databases';
import type { TestApp } from '../../support/test-app';
import { startAppOn } from '../support-channel/support-channel-harness';
import {
  nothingPending,
  outboxStates,
  reportFrom,
  sendsTo,
  SupportDesk,
  textsOf,
  until,
} from './notify-harness';

// The engine looks only when woken: the desk below writes through a store of its own (no doorbell), so
// its changes wait in the outbox together until the test wakes the engine.
const env = { NOTIFY_POLL_MS: '60000', NOTIFY_LEASE_SECONDS: '5' };

describe.each(engines)('a burst of changes to one ticket ($name)', (engine) => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startAppOn(engine, { env });
  });
  afterAll(() => test.close());

  it('sends every message in order and updates each card once, as the ticket is after the last change', async () => {
    const chat = test.chat();
    await chat.install();
    const filed = await test.app.backend.submit(reportFrom(chat));
    if (!filed.ok) throw new Error('report not filed');
    const number = filed.record.ticket.confirmationNumber;
    for (const activityId of ['status-1', 'status-2']) {
      await test.app.backend.rememberCard(number, {
        kind: 'status',
        conversationId: chat.conversationId,
        activityId,
        locale: 'en-US',
      });
    }
    // The submission's own row is done before the burst.
    await until(nothingPending(test.app.store));

    const desk = new SupportDesk(test.app.store);
    await desk.act(number, { type: 'acknowledge', priority: 'P2', severity: 'High' });
    await desk.act(number, { type: 'post_message', message: 'First: we reproduced it.' });
    await desk.act(number, { type: 'change_priority', priority: 'P1', reason: 'Exploited in the wild' });
    test.app.delivery.wake();

    const messages = await test.connector.waitFor(sendsTo(chat.conversationId), 3);
    expect(messages.map(textsOf)).toEqual([
      expect.stringContaining('Support has acknowledged your report'),
      expect.stringContaining('First: we reproduced it.'),
      expect.stringContaining('Exploited in the wild'),
    ]);
    const updates = test.connector.calls.filter((call) => call.kind === 'update');
    // Each card once, by the last row, showing the last change; the earlier rows left them to it.
    expect(updates.map((call) => call.activityId).sort()).toEqual(['status-1', 'status-2']);
    for (const update of updates) {
      const text = adaptiveCardsOf(update.body).flatMap(cardTexts).join('\n');
      // The Priority fact (a confirmation number such as SEC-T9AF-P2W9 may hold "P2" too).
      expect(text).toMatch(/^Priority\nP1$/m);
      expect(text).not.toMatch(/^Priority\nP2$/m);
    }
    // The cards were brought up to date before the message of the change that did it.
    const lastMessage = test.connector.calls.indexOf(messages[2]!);
    for (const update of updates) expect(test.connector.calls.indexOf(update)).toBeLessThan(lastMessage);
    // The connector answers a moment before the row's mark commits.
    await until(nothingPending(test.app.store));
    const states = await outboxStates(test.app.store);
    expect(states).toEqual([
      { type: 'submitted', state: 'skipped' },
      { type: 'acknowledged', state: 'sent' },
      { type: 'message_posted', state: 'sent' },
      { type: 'priority_changed', state: 'sent' },
    ]);
  });
});
