import type { TicketState } from '../../../src/domain/ticket';
import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import { incidentSubmission, tenantB, vulnerabilitySubmission } from '../../support/submissions';
import { call } from './support-client';

const key = 'local-support-key-for-tests-0123456789abcdef';
type Action =
  'acknowledge' | 'priority' | 'severity' | 'assessment' | 'questions' | 'messages' | 'outcome' | 'close';

const validBodies: Record<Action, unknown> = {
  acknowledge: { priority: 'P2', severity: 'High' },
  priority: { priority: 'P1', reason: 'Exploited in the wild' },
  severity: { severity: 'Critical' },
  assessment: {},
  questions: { question: 'Which versions are affected?' },
  messages: { message: 'We are looking into it.' },
  outcome: { outcome: { kind: 'mitigated', summary: 'Patched and verified.' } },
  close: { reason: 'withdrawn', note: 'Reported twice by mistake' },
};

/** The legal road to each state through the API. */
const roads: Record<TicketState, Action[]> = {
  submitted: [],
  acknowledged: ['acknowledge'],
  in_assessment: ['acknowledge', 'assessment'],
  awaiting_publisher: ['acknowledge', 'questions'],
  outcome: ['acknowledge', 'outcome'],
  closed: ['acknowledge', 'outcome', 'close'],
};

const allowedFrom: Record<Action, TicketState[]> = {
  acknowledge: ['submitted'],
  priority: ['acknowledged', 'in_assessment', 'awaiting_publisher', 'outcome'],
  severity: ['acknowledged', 'in_assessment', 'awaiting_publisher', 'outcome'],
  assessment: ['acknowledged', 'outcome'],
  questions: ['acknowledged', 'in_assessment', 'awaiting_publisher'],
  messages: ['submitted', 'acknowledged', 'in_assessment', 'awaiting_publisher', 'outcome'],
  outcome: ['acknowledged', 'in_assessment', 'awaiting_publisher'],
  close: ['submitted', 'acknowledged', 'in_assessment', 'awaiting_publisher', 'outcome'],
};

const resultingState: Partial<Record<Action, TicketState>> = {
  acknowledge: 'acknowledged',
  assessment: 'in_assessment',
  questions: 'awaiting_publisher',
  outcome: 'outcome',
  close: 'closed',
};

let test_: TestApp;
let clock: FixedClock;
let drafts = 0;

beforeAll(async () => {
  clock = new FixedClock('2026-11-24T18:00:00.000Z');
  test_ = await startTestApp({ clock });
});
afterAll(() => test_.close());

async function file(submission = vulnerabilitySubmission()): Promise<string> {
  drafts += 1;
  const result = await test_.app.backend.submit({ ...submission, submissionKey: `draft-${drafts}` });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.record.ticket.confirmationNumber;
}

async function act(number: string, action: Action, body: unknown = validBodies[action], ifMatch?: string) {
  const etag =
    ifMatch ??
    (await call(test_.url, 'GET', `/api/support/tickets/${number}`, { token: key })).headers.get('etag') ??
    '';
  return call(test_.url, 'POST', `/api/support/tickets/${number}/${action}`, {
    token: key,
    ifMatch: etag,
    body,
  });
}

async function ticketIn(state: TicketState): Promise<string> {
  const number = await file();
  for (const step of roads[state]) {
    const response = await act(number, step);
    if (response.status !== 200) throw new Error(`road to ${state}: ${step} answered ${response.status}`);
  }
  return number;
}

describe('support API: the ticket lifecycle', () => {
  const cases = (Object.keys(roads) as TicketState[]).flatMap((state) =>
    (Object.keys(validBodies) as Action[]).map((action) => ({
      state,
      action,
      allowed: allowedFrom[action].includes(state),
    })),
  );

  test.each(cases)('$action on a $state ticket: allowed=$allowed', async ({ state, action, allowed }) => {
    const number = await ticketIn(state);
    const before = await call(test_.url, 'GET', `/api/support/tickets/${number}`, { token: key });
    const response = await act(number, action);
    const after = await call(test_.url, 'GET', `/api/support/tickets/${number}`, { token: key });
    const history = (after.body.history as { type: string }[]).length;
    if (allowed) {
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe(after.headers.get('etag'));
      expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
      expect((after.body.ticket as { state: string }).state).toBe(resultingState[action] ?? state);
      expect(history).toBeGreaterThan((before.body.history as unknown[]).length);
    } else {
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        type: 'urn:security-desk:problem:state-conflict',
        problems: [{ key: 'ticket.transition.notAllowed', field: 'state' }],
      });
      expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
      expect(history).toBe((before.body.history as unknown[]).length);
    }
  });

  test('closing as resolved needs an outcome first', async () => {
    const acknowledged = await ticketIn('acknowledged');
    expect((await act(acknowledged, 'close', { reason: 'resolved' })).status).toBe(409);
    const withOutcome = await ticketIn('outcome');
    const closed = await act(withOutcome, 'close', {});
    expect(closed.status).toBe(200);
    expect(closed.body.ticket).toMatchObject({ state: 'closed', closeReason: 'resolved' });
  });

  test('every change is in the history with who did it, and each event has an outbox row', async () => {
    const number = await ticketIn('awaiting_publisher');
    const read = await call(test_.url, 'GET', `/api/support/tickets/${number}`, { token: key });
    expect(read.body.history).toEqual([
      expect.objectContaining({
        seq: 1,
        type: 'submitted',
        actor: expect.objectContaining({ kind: 'publisher' }),
      }),
      expect.objectContaining({
        seq: 2,
        type: 'acknowledged',
        actor: { kind: 'support', id: 'local-support-key', name: 'Local support key' },
      }),
      expect.objectContaining({ seq: 3, type: 'assessment_started' }),
      expect.objectContaining({
        seq: 4,
        type: 'question_asked',
        data: { question: 'Which versions are affected?' },
      }),
    ]);
    const outbox = await test_.app.store.db
      .selectFrom('outbox')
      .innerJoin('ticket_events', 'ticket_events.id', 'outbox.event_id')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select(['ticket_events.type'])
      .where('tickets.confirmation_number', '=', number)
      .orderBy('ticket_events.seq')
      .execute();
    // Their delivery state is the notifier's business (it picks rows up as soon as they commit).
    expect(outbox).toEqual([
      { type: 'submitted' },
      { type: 'acknowledged' },
      { type: 'assessment_started' },
      { type: 'question_asked' },
    ]);
  });

  test('the ticket shows the severity its CVSS score suggests, and whether acknowledgement is overdue', async () => {
    const number = await file();
    const read = await call(test_.url, 'GET', `/api/support/tickets/${number}`, { token: key });
    expect(read.body.ticket).toMatchObject({
      suggestedSeverity: 'Critical',
      overdue: false,
      version: 1,
      state: 'submitted',
    });
    expect(read.headers.get('etag')).toBe('"1"');
  });
});

describe('support API: preconditions and bad input', () => {
  test('a write without If-Match is refused with 428 and changes nothing', async () => {
    const number = await file();
    const response = await call(test_.url, 'POST', `/api/support/tickets/${number}/acknowledge`, {
      token: key,
      body: validBodies.acknowledge,
    });
    expect(response.status).toBe(428);
    const read = await call(test_.url, 'GET', `/api/support/tickets/${number}`, { token: key });
    expect(read.body.ticket).toMatchObject({ state: 'submitted', version: 1 });
  });

  test('a stale If-Match is refused with 412 and the current ETag', async () => {
    const number = await file();
    expect((await act(number, 'acknowledge', validBodies.acknowledge, '"1"')).status).toBe(200);
    const stale = await act(number, 'messages', validBodies.messages, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(stale.body).toMatchObject({
      type: 'urn:security-desk:problem:precondition-failed',
      currentVersion: 2,
    });
    // `*` matches whatever version is current (RFC 9110 §13.1.1): hostile-input/if-match.test.ts has the rest.
    expect((await act(number, 'messages', validBodies.messages, '*')).status).toBe(200);
  });

  test('two analysts writing from the same version: one wins, the other gets 412', async () => {
    const number = await file();
    const [first, second] = await Promise.all([
      act(number, 'acknowledge', { priority: 'P1', severity: 'Critical' }, '"1"'),
      act(number, 'acknowledge', { priority: 'P4', severity: 'Low' }, '"1"'),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const read = await call(test_.url, 'GET', `/api/support/tickets/${number}`, { token: key });
    const winner = first.status === 200 ? first : second;
    expect((read.body.ticket as { priority: string }).priority).toBe(
      (winner.body.ticket as { priority: string }).priority,
    );
    expect(
      (read.body.history as unknown[]).filter((e) => (e as { type: string }).type === 'acknowledged'),
    ).toHaveLength(1);
  });

  test.each([
    ['acknowledge', { priority: 'P9', severity: 'High' }, 'priority'],
    ['acknowledge', { priority: 'P1' }, 'severity'],
    ['acknowledge', { priority: 'P1', severity: 'High', extra: 1 }, 'extra'],
    ['questions', { question: 42 }, 'question'],
    ['outcome', { outcome: { kind: 'removed', summary: 'x' } }, 'outcome.kind'],
    ['close', { reason: 'bored' }, 'reason'],
  ] as const)('%s with %j is a 400 naming %s', async (action, body, field) => {
    const number = await file();
    const response = await act(number, action, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: 'urn:security-desk:problem:invalid-request',
      problems: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  test('the domain’s checks come back as 400s with the field too', async () => {
    const number = await ticketIn('acknowledged');
    const blank = await act(number, 'questions', { question: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.problems).toEqual([
      { field: 'question', key: 'ticket.field.required', message: 'is required' },
    ]);
    const pastDue = await act(number, 'outcome', {
      outcome: { kind: 'change_requested', summary: 's', whatMustChange: 'w', dueBy: '2020-01-01' },
    });
    expect(pastDue.status).toBe(400);
    expect(pastDue.body.problems).toEqual([
      expect.objectContaining({ field: 'outcome.dueBy', key: 'ticket.date.inPast' }),
    ]);
    const same = await act(number, 'priority', { priority: 'P2' });
    expect(same.body.problems).toEqual([
      expect.objectContaining({ field: 'priority', key: 'ticket.field.unchanged' }),
    ]);
  });

  test('an unknown or malformed confirmation number is a 404', async () => {
    for (const number of ['SEC-2222-3333', 'not-a-number']) {
      expect((await call(test_.url, 'GET', `/api/support/tickets/${number}`, { token: key })).status).toBe(
        404,
      );
      const write = await call(test_.url, 'POST', `/api/support/tickets/${number}/messages`, {
        token: key,
        ifMatch: '"1"',
        body: validBodies.messages,
      });
      expect(write.status).toBe(404);
    }
  });
});

describe('support API: the ticket list', () => {
  let listApp: TestApp;
  let listClock: FixedClock;

  beforeAll(async () => {
    listClock = new FixedClock('2026-11-24T18:00:00.000Z');
    listApp = await startTestApp({ clock: listClock });
    const submit = async (key: string, s = vulnerabilitySubmission()) => {
      const result = await listApp.app.backend.submit({ ...s, submissionKey: key });
      if (!result.ok) throw new Error('submit failed');
      return result.record.ticket.confirmationNumber;
    };
    await submit('old-vuln');
    listClock.set('2026-11-30T18:00:00.000Z'); // a week later: the first one is overdue now
    await submit('incident', incidentSubmission());
    listClock.advance(60_000);
    const acked = await submit('acked', vulnerabilitySubmission({ tenantId: tenantB }));
    await call(listApp.url, 'POST', `/api/support/tickets/${acked}/acknowledge`, {
      token: key,
      ifMatch: '"1"',
      body: { priority: 'P3', severity: 'Medium' },
    });
  });
  afterAll(() => listApp.close());

  const titles = async (query: string) => {
    const response = await call(listApp.url, 'GET', `/api/support/tickets${query}`, { token: key });
    expect(response.status).toBe(200);
    return {
      total: response.body.total,
      items: (response.body.items as { report: { title: string }; tenantId: string; state: string }[]).map(
        (t) => `${t.state}:${t.report.title}`,
      ),
    };
  };

  test('support sees every tenant’s tickets, newest first', async () => {
    expect(await titles('')).toEqual({
      total: 3,
      items: [
        'acknowledged:SQL injection in the admin console',
        'submitted:Leaked storage key',
        'submitted:SQL injection in the admin console',
      ],
    });
  });

  test('filters by state, severity, category and overdue, with paging', async () => {
    expect((await titles('?state=submitted')).total).toBe(2);
    expect((await titles('?state=acknowledged,closed')).items).toEqual([
      'acknowledged:SQL injection in the admin console',
    ]);
    expect((await titles('?severity=Medium')).total).toBe(1);
    expect((await titles('?category=incident')).items).toEqual(['submitted:Leaked storage key']);
    expect((await titles('?overdue=true')).items).toEqual(['submitted:SQL injection in the admin console']);
    expect((await titles('?overdue=false')).total).toBe(2);
    expect(await titles('?limit=1&offset=1')).toEqual({ total: 3, items: ['submitted:Leaked storage key'] });
  });

  test('a bad filter is a 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['?state=open', 'state'],
      ['?limit=0', 'limit'],
      ['?overdue=yes', 'overdue'],
      ['?colour=red', 'colour'],
    ]) {
      const response = await call(listApp.url, 'GET', `/api/support/tickets${query}`, { token: key });
      expect(response.status).toBe(400);
      expect(response.body.problems).toEqual([expect.objectContaining({ field })]);
    }
  });
});
