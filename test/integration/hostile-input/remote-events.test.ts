import { randomUUID } from 'node:crypto';
import { signWebhookBody } from '../../../src/http/notifications/verify-webhook-signature';
import { notifyEnv, reportFrom, SupportDesk } from '../notify/notify-harness';
import { startTestApp, type TestApp } from '../../support/test-app';
import { postJson, snapshotStore, until } from './hostile-harness';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';

/**
 * Issue 14.2: a signed event from the remote ticket service changes only a ticket filed with that
 * service, and only as the ticket's state allows; anything else is 409 (404 for no ticket at all),
 * stored nowhere, sent to no one, logged once.
 */
function signedPost(app: TestApp, event: Record<string, unknown>) {
  const body = JSON.stringify({
    eventId: randomUUID(),
    actor: { kind: 'support', id: 'remote-analyst' },
    at: new Date().toISOString(),
    ...event,
  });
  const at = Math.floor(Date.now() / 1000);
  return postJson(`${app.url}/api/notifications`, body, {
    'X-SecurityDesk-Timestamp': String(at),
    'X-SecurityDesk-Signature': signWebhookBody(SECRET, at, body),
  });
}

/** Until the outbox has nothing left to send, so a refusal's snapshot is not disturbed by deliveries. */
function deliveryDone(app: TestApp): Promise<void> {
  return until(async () => {
    const pending = await app.app.store.db
      .selectFrom('outbox')
      .select('id')
      .where('state', '=', 'pending')
      .execute();
    return pending.length === 0;
  });
}

async function expectRefusedCleanly(
  app: TestApp,
  send: () => ReturnType<typeof signedPost>,
  expected: { status: number; body: Record<string, unknown> },
) {
  const before = await snapshotStore(app.app.store.db);
  const calls = app.connector.calls.length;
  const from = app.logs.length;
  const response = await send();
  expect(response.status).toBe(expected.status);
  expect(response.body).toEqual(expected.body);
  // Nothing the delivery engine could pick up either: give it a poll.
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(await snapshotStore(app.app.store.db)).toEqual(before);
  expect(app.connector.calls.length).toBe(calls);
  const lines = app.logs.slice(from);
  expect(lines.filter((l) => l.event === 'notify.webhook_refused')).toHaveLength(1);
  expect(lines.filter((l) => l.level === 'error')).toEqual([]);
}

describe('remote events against a deployment that runs its own support desk', () => {
  let app: TestApp;
  let number: string;
  beforeAll(async () => {
    app = await startTestApp({ env: { ...notifyEnv, NOTIFY_WEBHOOK_HMAC_SECRET: SECRET } });
    const chat = app.chat();
    await chat.install();
    const filed = await app.app.backend.submit(reportFrom(chat));
    if (!filed.ok) throw new Error('report not filed');
    number = filed.record.ticket.confirmationNumber;
    const desk = new SupportDesk(app.app.store);
    await desk.act(number, { type: 'acknowledge', priority: 'P3', severity: 'Low' });
    await desk.act(number, { type: 'set_outcome', outcome: { kind: 'mitigated', summary: 'Fixed.' } });
    await desk.act(number, { type: 'close', reason: 'resolved' });
    await deliveryDone(app);
  });
  afterAll(() => app.close());

  test('a signed event cannot reopen or touch an embedded ticket: 409 naming the ticket', async () => {
    for (const event of [
      { type: 'assessment_started', data: { reopened: true } },
      { type: 'acknowledged', data: { priority: 'P1', severity: 'Critical', late: false } },
    ]) {
      await expectRefusedCleanly(app, () => signedPost(app, { confirmationNumber: number, ...event }), {
        status: 409,
        body: {
          type: 'urn:security-desk:problem:state-conflict',
          title: 'Not allowed in the current state',
          status: 409,
          detail: 'This ticket is not filed with the remote ticket service; its events are not taken.',
          problems: [
            { field: 'confirmationNumber', message: 'is not a ticket filed with the remote service' },
          ],
        },
      });
    }
    const ticket = await app.app.tickets.findByNumber(number);
    expect(ticket?.ticket).toMatchObject({ state: 'closed', closeReason: 'resolved' });
  });

  test('an event for a number no ticket has is 404, stored nowhere, logged once', async () => {
    await expectRefusedCleanly(
      app,
      () =>
        signedPost(app, {
          confirmationNumber: 'SEC-ZZZZ-ZZZZ',
          type: 'message_posted',
          data: { message: 'hello' },
        }),
      {
        status: 404,
        body: {
          type: 'urn:security-desk:problem:not-found',
          title: 'Not found',
          status: 404,
          detail: 'No ticket has this confirmation number.',
          problems: [{ field: 'confirmationNumber', message: 'names no ticket' }],
        },
      },
    );
  });
});

describe('remote events against tickets filed with the remote service', () => {
  let app: TestApp;
  let number: string;
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        ...notifyEnv,
        TICKET_BACKEND: 'remote',
        REMOTE_BACKEND_URL: 'http://127.0.0.1:1',
        REMOTE_BACKEND_CREDENTIAL: 'static-token',
        REMOTE_BACKEND_STATIC_TOKEN: 'test-token',
        REMOTE_BACKEND_MAX_ATTEMPTS: '1',
        NOTIFY_WEBHOOK_HMAC_SECRET: SECRET,
      },
    });
    const chat = app.chat();
    await chat.install();
    const filed = await app.app.backend.submit(reportFrom(chat));
    if (!filed.ok) throw new Error('report not filed');
    number = filed.record.ticket.confirmationNumber;
    const closed = await signedPost(app, {
      confirmationNumber: number,
      type: 'closed',
      data: { reason: 'withdrawn' },
    });
    expect(closed.status).toBe(200);
    await deliveryDone(app);
  });
  afterAll(() => app.close());

  test.each([
    ['reopen it', 'assessment_started', { reopened: true }],
    ['acknowledge it', 'acknowledged', { priority: 'P2', severity: 'High', late: false }],
    ['ask a question', 'question_asked', { question: 'Still there?' }],
  ])('a closed ticket cannot be made to %s: 409 naming the event type', async (_name, type, data) => {
    await expectRefusedCleanly(app, () => signedPost(app, { confirmationNumber: number, type, data }), {
      status: 409,
      body: {
        type: 'urn:security-desk:problem:state-conflict',
        title: 'Not allowed in the current state',
        status: 409,
        detail: 'The ticket is closed; this event cannot happen to it now.',
        problems: [
          {
            field: 'type',
            key: 'ticket.transition.notAllowed',
            message: `${type} is not allowed from closed`,
          },
        ],
      },
    });
  });
});
