import { vulnerabilitySubmission } from '../../support/submissions';
import { startTestApp, type TestApp } from '../../support/test-app';
import { call } from '../support-api/support-client';
import { snapshotStore } from './hostile-harness';

const key = 'local-support-key-for-tests-0123456789abcdef';

/**
 * Issue 14.5: If-Match as RFC 9110 §13.1.1 has it. `*` matches whatever version is current; a list
 * matches when any of its tags does; the comparison is strong, so a weak tag matches nothing.
 */
describe('If-Match on support changes', () => {
  let app: TestApp;
  let drafts = 0;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const file = async () => {
    drafts += 1;
    const filed = await app.app.backend.submit(
      vulnerabilitySubmission({ submissionKey: `if-match-${drafts}` }),
    );
    if (!filed.ok) throw new Error('not filed');
    return filed.record.ticket.confirmationNumber;
  };
  const acknowledge = (number: string, ifMatch: string) =>
    call(app.url, 'POST', `/api/support/tickets/${number}/acknowledge`, {
      token: key,
      ifMatch,
      body: { priority: 'P2', severity: 'High' },
    });
  const message = (number: string, ifMatch: string) =>
    call(app.url, 'POST', `/api/support/tickets/${number}/messages`, {
      token: key,
      ifMatch,
      body: { message: 'Looking into it.' },
    });

  test('If-Match: * applies the change to the current version', async () => {
    const number = await file();
    await message(number, '"1"');
    const response = await acknowledge(number, '*');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"3"');
    expect(response.body.ticket).toMatchObject({ state: 'acknowledged', version: 3 });
  });

  test('a list of tags matches when one of them is the current version', async () => {
    const number = await file();
    const response = await acknowledge(number, '"7", "1"');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
  });

  test.each([
    ['a weak tag of the current version', 'W/"1"'],
    ['a stale version', '"9"'],
    ['a list none of whose tags is current', '"4", "5"'],
    ['something that is not an entity tag', '1'],
  ])('%s is 412 with the current ETag, and nothing changes', async (_name, ifMatch) => {
    const number = await file();
    const before = await snapshotStore(app.app.store.db);
    const response = await acknowledge(number, ifMatch);
    expect(response.status).toBe(412);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toEqual({
      type: 'urn:security-desk:problem:precondition-failed',
      title: 'The resource changed',
      status: 412,
      detail: 'The ticket changed since you read it; read it again and retry.',
      currentVersion: 1,
    });
    expect(await snapshotStore(app.app.store.db)).toEqual(before);
  });

  test('If-Match: * on a ticket that does not exist is 404, and nothing is stored', async () => {
    const before = await snapshotStore(app.app.store.db);
    const response = await acknowledge('SEC-ZZZZ-ZZZZ', '*');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      type: 'urn:security-desk:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'No such ticket.',
    });
    expect(await snapshotStore(app.app.store.db)).toEqual(before);
  });
});
