import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import { vulnerabilitySubmission } from '../../support/submissions';

const key = 'local-support-key-for-tests-0123456789abcdef';

async function get(app: TestApp, path: string) {
  const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    link: response.headers.get('link'),
    body: (await response.json()) as {
      items?: { confirmationNumber: string }[];
      total?: number;
      next?: string;
      nextCursor?: string;
      problems?: { field: string }[];
      type?: string;
    },
  };
}

describe.each(engines)('the support list pages past 100 with a cursor ($name)', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  const filed: string[] = [];

  beforeAll(async () => {
    database = await engine.create();
    const clock = new FixedClock('2026-11-20T09:00:00.000Z');
    const env: Record<string, string> =
      database.config.engine === 'postgres' ? { DATABASE_URL: database.config.url } : {};
    app = await startTestApp({
      clock,
      env,
      ...(database.config.engine === 'sqlite' ? { dataDir: database.config.dataDir } : {}),
    });
    // 230 tickets; groups of five share their submission instant, so the order's tie-break is exercised.
    for (let i = 0; i < 230; i++) {
      if (i % 5 === 0) clock.advance(60_000);
      const result = await app.app.backend.submit(
        vulnerabilitySubmission({ submissionKey: `paging-${i}`, tenantId: `tenant-${i % 7}`, locale: 'en' }),
      );
      if (!result.ok) throw new Error('report refused');
      filed.push(result.record.ticket.confirmationNumber);
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  test('following the next links visits every ticket once, newest first, and the last page has none', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/api/support/tickets?limit=100';
    let pages = 0;
    while (path) {
      const page = await get(app, path);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(230);
      seen.push(...page.body.items!.map((t) => t.confirmationNumber));
      pages += 1;
      if (page.body.next) {
        expect(page.link).toBe(`<${page.body.next}>; rel="next"`);
        expect(page.body.next).toContain(`cursor=${page.body.nextCursor}`);
      } else {
        expect(page.link).toBeNull();
      }
      path = page.body.next;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(230);
    expect(new Set(seen).size).toBe(230);
    expect(new Set(seen)).toEqual(new Set(filed));
  });

  test('the cursor keeps the filter of the first page', async () => {
    const first = await get(app, '/api/support/tickets?state=submitted&limit=60');
    expect(first.body.next).toMatch(/state=submitted/);
    const second = await get(app, first.body.next!);
    expect(second.body.items).toHaveLength(60);
    const overlap = second.body.items!.filter((t) =>
      first.body.items!.some((f) => f.confirmationNumber === t.confirmationNumber),
    );
    expect(overlap).toEqual([]);
  });

  test.each([
    ['not base64url', 'not a cursor!'],
    ['base64 of something else', Buffer.from('{"drop":"table"}').toString('base64url')],
    [
      'a cursor of another version',
      Buffer.from('["t0","2026-11-20T09:00:00.000Z","SEC-AAAA-BBBB"]').toString('base64url'),
    ],
    [
      'a date that is no date',
      Buffer.from('["t1","2026-13-45T99:00:00.000Z","SEC-AAAA-BBBB"]').toString('base64url'),
    ],
    [
      'SQL in the number',
      Buffer.from(`["t1","2026-11-20T09:00:00.000Z","x' or 1=1 --"]`).toString('base64url'),
    ],
    ['far too long', 'A'.repeat(5000)],
  ])('a hostile cursor (%s) is a 400 problem naming cursor', async (_what, cursor) => {
    const page = await get(app, `/api/support/tickets?cursor=${encodeURIComponent(cursor)}`);
    expect(page.status).toBe(400);
    expect(page.type).toBe('application/problem+json');
    expect(page.body).toMatchObject({
      type: 'urn:security-desk:problem:invalid-request',
      problems: [{ field: 'cursor' }],
    });
  });

  test('a cursor and an offset together are refused', async () => {
    const first = await get(app, '/api/support/tickets?limit=10');
    const page = await get(app, `${first.body.next!}&offset=20`);
    expect(page.status).toBe(400);
    expect(page.body.problems).toEqual([{ field: 'offset', message: 'cannot be combined with cursor' }]);
  });

  test("a tenant's list for services (GET /api/tickets) pages the same way, within the tenant only", async () => {
    const mine = filed.filter((_, i) => i % 7 === 3);
    const seen: string[] = [];
    let path: string | undefined = '/api/tickets?tenantId=tenant-3&limit=10';
    while (path) {
      const page = await get(app, path);
      expect(page.status).toBe(200);
      const numbers = (page.body.items ?? []).map(
        (item) => (item as unknown as { ticket: { confirmationNumber: string } }).ticket.confirmationNumber,
      );
      seen.push(...numbers);
      if (page.body.next) expect(page.link).toBe(`<${page.body.next}>; rel="next"`);
      path = page.body.next;
    }
    expect([...seen].sort()).toEqual([...mine].sort());
    expect(new Set(seen).size).toBe(seen.length);
    for (const bad of ['x', 'dDE', '%00', 'a'.repeat(300)]) {
      const refused = await get(app, `/api/tickets?tenantId=tenant-3&cursor=${bad}`);
      expect(refused.status).toBe(400);
      expect(refused.type).toBe('application/problem+json');
      expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });
});
