import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import { notifyEnv, reportFrom, SupportDesk, sendsTo, until } from '../notify/notify-harness';

const key = 'local-support-key-for-tests-0123456789abcdef';

/** One sample of the exposition text: `name{labels} value`, labels as written by prom-client. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}} ` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function scrape(app: TestApp): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

let app: TestApp;
let clock: FixedClock;
beforeAll(async () => {
  clock = new FixedClock('2026-11-24T18:00:00.000Z');
  app = await startTestApp({ clock, env: notifyEnv });
});
afterAll(() => app.close());

describe('GET /metrics', () => {
  test('is behind the support API’s authentication', async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  test('after a turn: its latency by kind, the requests by route and status, the store’s backlog', async () => {
    const chat = app.chat();
    await chat.install();
    const from = app.logs.length;
    const turn = await chat.post(chat.base('message', { text: 'help', textFormat: 'plain' }), {
      'x-request-id': 'turn-under-test-1',
    });
    expect(turn.status).toBe(200);
    // The turn's own lines carry the request id, not only the access line.
    const lines = app.logs.slice(from).filter((line) => line.reqId === 'turn-under-test-1');
    expect(lines.filter((line) => line.event === 'http.access')).toHaveLength(1);
    expect(lines.filter((line) => line.event !== 'http.access').length).toBeGreaterThan(0);

    // A report filed (its "received" notification is skipped: the chat showed the confirmation) and
    // acknowledged, with one 429 from Teams on the way; five days on, a second report nobody acknowledges.
    const desk = new SupportDesk(app.app.store, clock);
    const filed = await app.app.backend.submit(reportFrom(chat));
    if (!filed.ok) throw new Error('report refused');
    app.connector.fail({ status: 429, retryAfterSeconds: 1, times: 1 });
    await desk.act(filed.record.ticket.confirmationNumber, {
      type: 'acknowledge',
      priority: 'P2',
      severity: 'High',
    });
    await until(() => app.connector.calls.some(sendsTo(chat.conversationId)));
    clock.advance(5 * 24 * 3_600_000);
    const second = await app.app.backend.submit(reportFrom(chat));
    if (!second.ok) throw new Error('report refused');

    let metrics = await scrape(app);
    await until(async () => {
      metrics = await scrape(app);
      return sample(metrics.text, 'security_desk_outbox_pending') === 0;
    }, 20_000);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const { text } = metrics;

    expect(sample(text, 'security_desk_turn_duration_seconds_count', 'kind="message"')).toBe(1);
    expect(sample(text, 'security_desk_turn_duration_seconds_count', 'kind="conversationUpdate"')).toBe(1);
    expect(sample(text, 'security_desk_turn_duration_seconds_count', 'kind="installationUpdate"')).toBe(1);
    expect(
      sample(text, 'security_desk_http_requests_total', 'method="POST",route="/api/messages",status="200"'),
    ).toBe(3);
    expect(
      sample(text, 'security_desk_http_requests_total', 'method="GET",route="/metrics",status="401"'),
    ).toBe(1);

    // Three outbox rows: two "received" (skipped), one "acknowledged" (sent after one 429).
    const stored = await app.app.store.db.selectFrom('outbox').select(['state']).execute();
    expect(stored.map((row) => row.state).sort()).toEqual(['sent', 'skipped', 'skipped']);
    expect(sample(text, 'security_desk_deliveries_total', 'sink="publisher",outcome="sent"')).toBe(1);
    expect(sample(text, 'security_desk_deliveries_total', 'sink="publisher",outcome="skipped"')).toBe(2);
    expect(sample(text, 'security_desk_connector_throttled_total')).toBe(1);
    expect(sample(text, 'security_desk_outbox_due')).toBe(0);
    expect(sample(text, 'security_desk_outbox_oldest_due_age_seconds')).toBe(0);
    expect(sample(text, 'security_desk_dead_letters')).toBe(0);
    // The second report is not acknowledged: once past its one business day, it is overdue.
    expect(sample(text, 'security_desk_tickets_ack_overdue')).toBe(0);
    clock.advance(3 * 24 * 3_600_000);
    expect(sample((await scrape(app)).text, 'security_desk_tickets_ack_overdue')).toBe(1);
    expect(sample(text, 'security_desk_metrics_store_up')).toBe(1);
  }, 60_000);
});
