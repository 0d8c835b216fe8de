import type { AccessToken, TokenCredential } from '@azure/identity';
import { TicketStore } from '../../../src/tickets';
import { createTokenSource } from '../../../src/backend/remote/create-token-source';
import { RemoteTicketBackend } from '../../../src/backend/remote/remote-ticket-backend';
import { ResendJob } from '../../../src/backend/remote/resend-job';
import { TicketServiceClient } from '../../../src/backend/remote/ticket-service-client';
import { createSupportCalendar } from '../../../src/domain/calendar';
import { createLogger } from '../../../src/logger';
import type { Store } from '../../../src/store/create-store';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import { JwksStandIn } from '../../support/jwks-stand-in';
import { startTestApp, type TestApp } from '../../support/test-app';
import { call } from '../support-api/support-client';
import { FlakyProxy } from './flaky-proxy';
import { publisher, tenantA, tenantB, vulnerabilitySubmission } from '../../support/submissions';

/**
 * The remote adapter against the embedded service's own HTTP API on loopback, authenticated with real
 * JWTs from a local JWKS endpoint, through a proxy that fails on cue.
 */
const calendar = createSupportCalendar({
  timeZone: 'America/Los_Angeles',
  workdays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
});
const logger = createLogger('silent');
const supportKey = 'local-support-key-for-tests-0123456789abcdef';

let jwks: JwksStandIn;
let service: TestApp;
let proxy: FlakyProxy;
let database: TestDatabase;
let store: Store;
let clock: FixedClock;
let sleeps: number[];
let backend: RemoteTicketBackend;
let repository: TicketStore;
let tokenRequests: string[];

/** A TokenCredential as @azure/identity would give, issuing tokens from the stand-in. */
function standInCredential(roles: string[]): TokenCredential {
  return {
    async getToken(scopes): Promise<AccessToken> {
      tokenRequests.push(String(scopes));
      return {
        token: await jwks.tokenWithRoles(roles, { oid: 'bot-service-principal' }),
        expiresOnTimestamp: Date.now() + 3_600_000,
      };
    },
  };
}

function remoteBackend(roles = ['SecurityDesk.TicketFiler']): RemoteTicketBackend {
  const client = new TicketServiceClient({
    baseUrl: proxy.url,
    tokens: createTokenSource(
      {
        kind: 'remote',
        url: proxy.url,
        scope: 'api://security-desk-test/.default',
        credential: 'default',
        timeoutMs: 2000,
        maxAttempts: 4,
        azure: {},
      },
      standInCredential(roles),
    ),
    timeoutMs: 2000,
    maxAttempts: 4,
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return new RemoteTicketBackend({ client, repository, clock, calendar, logger, submitAttempts: 3 });
}

beforeAll(async () => {
  jwks = await JwksStandIn.start();
  service = await startTestApp({ env: jwks.env('SUPPORT_AUTH') });
  proxy = await FlakyProxy.start(service.url);
});
afterAll(async () => {
  await proxy.stop();
  await service.close();
  await jwks.stop();
});

beforeEach(async () => {
  database = await engines[0]!.create();
  store = await database.open();
  repository = new TicketStore(store.db);
  clock = new FixedClock('2026-11-24T18:00:00.000Z');
  sleeps = [];
  tokenRequests = [];
  proxy.script.length = 0;
  proxy.fallback = { kind: 'pass' };
  proxy.seen.length = 0;
  backend = remoteBackend();
});
afterEach(() => database.destroy());

let drafts = 0;
const draft = () => `remote-draft-${++drafts}-${Date.now()}`;

async function serviceTickets(number: string) {
  return call(service.url, 'GET', `/api/support/tickets/${number}`, { token: supportKey });
}

test('a report is filed with the service under the number the publisher was given', async () => {
  const result = await backend.submit(vulnerabilitySubmission({ submissionKey: draft() }));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  expect(result.record.delivery).toBe('synced');
  const number = result.record.ticket.confirmationNumber;
  const atService = await serviceTickets(number);
  expect(atService.status).toBe(200);
  expect(atService.body.ticket).toMatchObject({
    tenantId: tenantA,
    timeZone: 'Europe/Berlin',
    suggestedSeverity: 'Critical',
  });
  expect(tokenRequests).toEqual(['api://security-desk-test/.default']);

  const local = await repository.findByNumber(number);
  expect(local).toMatchObject({ delivery: 'synced', remoteId: number });
  expect(await store.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
});

test('reads go to the service, scoped to the tenant', async () => {
  const filed = await backend.submit(vulnerabilitySubmission({ submissionKey: draft() }));
  if (!filed.ok) throw new Error('submit failed');
  const number = filed.record.ticket.confirmationNumber;
  await call(service.url, 'POST', `/api/support/tickets/${number}/acknowledge`, {
    token: supportKey,
    ifMatch: '"1"',
    body: { priority: 'P1', severity: 'Critical' },
  });
  const record = await backend.getForTenant(tenantA, number);
  expect(record).toMatchObject({ delivery: 'synced', ticket: { state: 'acknowledged', priority: 'P1' } });
  expect((await backend.getWithHistoryForTenant(tenantA, number))?.history.map((h) => h.event.type)).toEqual([
    'submitted',
    'acknowledged',
  ]);
  expect(await backend.getForTenant(tenantB, number)).toBeUndefined();
  const list = await backend.listForTenant(tenantA, { limit: 100 });
  expect(list.map((r) => r.ticket.confirmationNumber)).toContain(number);
  expect((await backend.listForTenant(tenantB)).map((r) => r.ticket.confirmationNumber)).not.toContain(
    number,
  );
  // The chat's lists read summaries: through this backend, of the service's own answer.
  const summaries = await backend.summariesForTenant(tenantA, { limit: 100 });
  expect(summaries.find((s) => s.confirmationNumber === number)).toMatchObject({
    state: 'acknowledged',
    priority: 'P1',
    severity: 'Critical',
    title: record?.ticket.report.title,
  });
});

test('a publisher message reaches the service', async () => {
  const filed = await backend.submit(vulnerabilitySubmission({ submissionKey: draft() }));
  if (!filed.ok) throw new Error('submit failed');
  const number = filed.record.ticket.confirmationNumber;
  const result = await backend.publisherCommand(
    tenantA,
    number,
    { type: 'post_message', message: 'Logs attached.' },
    publisher,
  );
  expect(result).toMatchObject({
    ok: true,
    events: [{ type: 'message_posted', data: { message: 'Logs attached.' } }],
  });
  expect(
    await backend.publisherCommand(tenantB, number, { type: 'post_message', message: 'x' }, publisher),
  ).toEqual({
    ok: false,
    error: { key: 'ticket.notFound' },
  });
});

test('a publisher message whose first answer was lost is posted once', async () => {
  const filed = await backend.submit(vulnerabilitySubmission({ submissionKey: draft() }));
  if (!filed.ok) throw new Error('submit failed');
  const number = filed.record.ticket.confirmationNumber;
  proxy.script.push({ kind: 'forward-then-503' });
  const result = await backend.publisherCommand(
    tenantA,
    number,
    { type: 'post_message', message: 'Patched build is 2.4.1.' },
    publisher,
  );
  expect(result).toMatchObject({ ok: true });
  const messages = proxy.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
  expect(messages).toHaveLength(2);
  expect(messages[0]!.idempotencyKey).toBe(messages[1]!.idempotencyKey);
  const history = await serviceTickets(number);
  const posted = (history.body.history as { type: string }[]).filter(
    (entry) => entry.type === 'message_posted',
  );
  expect(posted).toHaveLength(1);
});

test('429 and 503 are retried after their Retry-After, and the report is filed once', async () => {
  proxy.script.push({ kind: 'status', status: 429, retryAfter: '2' }, { kind: 'forward-then-503' });
  const key = draft();
  const result = await backend.submit(vulnerabilitySubmission({ submissionKey: key }));
  expect(result).toMatchObject({ ok: true, record: { delivery: 'synced' } });
  expect(sleeps).toHaveLength(2);
  expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
  const posts = proxy.seen.filter((r) => r.method === 'POST');
  expect(posts.map((p) => p.idempotencyKey)).toEqual([key, key, key]);
  // The second attempt reached the service and its answer was lost; the third got the same ticket back.
  const number = result.ok ? result.record.ticket.confirmationNumber : '';
  const list = await call(service.url, 'GET', '/api/support/tickets?limit=100', { token: supportKey });
  const filed = (list.body.items as { confirmationNumber: string }[]).filter(
    (t) => t.confirmationNumber === number,
  );
  expect(filed).toHaveLength(1);
});

test('a 400 from the service is not retried', async () => {
  proxy.script.push({ kind: 'status', status: 400 });
  const result = await backend.submit(vulnerabilitySubmission({ submissionKey: draft() }));
  expect(result).toMatchObject({ ok: true, record: { delivery: 'pending' } });
  expect(sleeps).toEqual([]);
});

test('when the service is down the report is kept, the publisher is told, and the resend job delivers it', async () => {
  proxy.fallback = { kind: 'hang-up' };
  const key = draft();
  const result = await backend.submit(vulnerabilitySubmission({ submissionKey: key }));
  if (!result.ok) throw new Error('submit failed');
  expect(result.record.delivery).toBe('pending');
  const number = result.record.ticket.confirmationNumber;
  expect(sleeps).toHaveLength(2);

  // The publisher can still see it, from the local copy.
  expect(await backend.getForTenant(tenantA, number)).toMatchObject({ delivery: 'pending' });
  expect(
    await backend.publisherCommand(tenantA, number, { type: 'post_message', message: 'x' }, publisher),
  ).toEqual({
    ok: false,
    error: { key: 'ticket.backendUnavailable' },
  });
  // Submitting the same draft again does not file a second copy.
  expect(await backend.submit(vulnerabilitySubmission({ submissionKey: key }))).toMatchObject({
    ok: true,
    duplicate: true,
  });

  const job = new ResendJob({ backend, repository, clock, logger, intervalSeconds: 15 });
  expect(await job.runOnce()).toBe(0); // not due yet: backoff
  clock.advance(31_000);
  expect(await job.runOnce()).toBe(0); // still down
  const kept = await repository.findByNumber(number);
  expect(kept).toMatchObject({ delivery: 'pending', deliveryAttempts: 2 });

  proxy.fallback = { kind: 'pass' };
  clock.advance(60_000);
  expect(await job.runOnce()).toBe(1);
  expect(await repository.findByNumber(number)).toMatchObject({ delivery: 'synced', remoteId: number });
  expect((await serviceTickets(number)).status).toBe(200);
  clock.advance(3_600_000);
  expect(await job.runOnce()).toBe(0);
});

test('a service that refuses the caller’s role keeps the report pending', async () => {
  const unprivileged = remoteBackend(['SecurityDesk.Reader']);
  const result = await unprivileged.submit(vulnerabilitySubmission({ submissionKey: draft() }));
  expect(result).toMatchObject({ ok: true, record: { delivery: 'pending' } });
});
