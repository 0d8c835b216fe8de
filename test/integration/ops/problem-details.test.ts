import { startTestApp, type TestApp } from '../../support/test-app';

const key = 'local-support-key-for-tests-0123456789abcdef';
const problemType = (kind: string) => `urn:security-desk:problem:${kind}`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { MAX_BODY_BYTES: '2048' } });
});
afterAll(() => app.close());

async function send(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string } = {},
) {
  const response = await fetch(`${app.url}${path}`, { method, headers: init.headers ?? {}, body: init.body });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

describe('every error is RFC 9457 problem details', () => {
  test.each([
    [
      'an unknown route',
      'GET',
      '/api/nothing-here',
      {},
      404,
      'route-not-found',
      'There is no endpoint at /api/nothing-here.',
    ],
    [
      'a method the route does not answer',
      'DELETE',
      '/api/messages',
      {},
      405,
      'method-not-allowed',
      '/api/messages does not answer DELETE; see the Allow header.',
    ],
    [
      'malformed JSON',
      'POST',
      '/api/messages',
      { headers: { 'content-type': 'application/json' }, body: '{"type":' },
      400,
      'malformed-body',
      'The body is not valid JSON.',
    ],
    [
      'a body over MAX_BODY_BYTES',
      'POST',
      '/api/messages',
      { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(4096) }) },
      413,
      'body-too-large',
      'The body is larger than 2048 bytes.',
    ],
    [
      'a body that is not JSON',
      'POST',
      '/api/messages',
      { headers: { 'content-type': 'text/plain' }, body: 'hello' },
      415,
      'unsupported-media-type',
      'Send the body as application/json.',
    ],
  ] as const)('restify’s own refusal of %s', async (_what, method, path, init, status, kind, detail) => {
    const from = app.logs.length;
    const response = await send(method, path, init);
    expect(response).toMatchObject({ status, contentType: 'application/problem+json' });
    expect(response.body).toEqual({ type: problemType(kind), title: expect.any(String), status, detail });
    // Nothing of restify's own shape is left.
    expect(response.body).not.toHaveProperty('code');
    expect(app.logs.slice(from).filter((line) => line.event === 'http.refused')).toEqual([
      expect.objectContaining({ status, level: 'warn' }),
    ]);
  });

  test('405 says which methods the route answers', async () => {
    const response = await send('PUT', '/livez');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('GET');
  });

  test('the app’s own refusals: 401 without a key, 400 naming the parameter, 404 for no ticket', async () => {
    const unauthorised = await send('GET', '/api/support/tickets');
    expect(unauthorised).toMatchObject({ status: 401, contentType: 'application/problem+json' });
    expect(unauthorised.body).toEqual({
      type: problemType('unauthorized'),
      title: 'Authentication required',
      status: 401,
      detail: 'A valid bearer token is required.',
    });
    expect(unauthorised.headers.get('www-authenticate')).toMatch(/^Bearer realm="security-desk"/);

    const auth = { authorization: `Bearer ${key}` };
    const badQuery = await send('GET', '/api/support/tickets?limit=1000&colour=red', { headers: auth });
    expect(badQuery).toMatchObject({ status: 400, contentType: 'application/problem+json' });
    expect(badQuery.body).toEqual({
      type: problemType('invalid-request'),
      title: 'The request is not valid',
      status: 400,
      detail: 'The query is not valid.',
      problems: expect.arrayContaining([
        { field: 'limit', message: 'must be a whole number from 1 to 100' },
        expect.objectContaining({ field: 'colour' }),
      ]),
    });

    const missing = await send('GET', '/api/support/tickets/SEC-ZZZZ-ZZZZ', { headers: auth });
    expect(missing).toMatchObject({ status: 404, contentType: 'application/problem+json' });
    expect(missing.body).toEqual({
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: 'No such ticket.',
    });
  });
});

describe('request ids', () => {
  test('a sane x-request-id is kept, returned and on the access log line', async () => {
    const from = app.logs.length;
    const response = await fetch(`${app.url}/livez`, { headers: { 'x-request-id': 'edge-4f2a.9:1' } });
    expect(response.headers.get('x-request-id')).toBe('edge-4f2a.9:1');
    const access = app.logs.slice(from).filter((line) => line.event === 'http.access');
    expect(access).toEqual([
      expect.objectContaining({
        reqId: 'edge-4f2a.9:1',
        req: { method: 'GET', url: '/livez', remoteAddress: expect.any(String) },
        res: { statusCode: 200 },
        msg: expect.stringMatching(/^GET \/livez 200 \d+ ms$/),
      }),
    ]);
  });

  test.each([
    ['too long', 'a'.repeat(129)],
    ['with spaces and quotes', 'id "injected" here'],
    ['with a line break smuggled as text', 'abc\\nlevel=fatal'],
  ])('an x-request-id %s is replaced by a new one', async (_what, hostile) => {
    const response = await fetch(`${app.url}/livez`, { headers: { 'x-request-id': hostile } });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('every request gets its own id when none is sent', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async () => (await fetch(`${app.url}/livez`)).headers.get('x-request-id')),
    );
    expect(new Set(ids).size).toBe(3);
  });
});
