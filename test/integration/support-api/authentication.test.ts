import { JwksStandIn } from '../../support/jwks-stand-in';
import { startTestApp, type TestApp } from '../../support/test-app';
import { call } from './support-client';

const staticKey = 'local-support-key-for-tests-0123456789abcdef';
const role = 'SecurityDesk.Support';

let jwks: JwksStandIn;
beforeAll(async () => {
  jwks = await JwksStandIn.start();
});
afterAll(() => jwks.stop());

describe('support API authentication in local mode (Entra tokens and the static key)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: jwks.env('SUPPORT_AUTH') });
  });
  afterAll(() => app.close());

  const list = (authorization?: string) =>
    call(app.url, 'GET', '/api/support/tickets', authorization ? { headers: { authorization } } : {});

  test('a valid token with the support role is let in', async () => {
    expect((await list(`Bearer ${await jwks.tokenWithRoles([role])}`)).status).toBe(200);
  });

  test('the static key is accepted as a bearer token in local mode', async () => {
    expect((await list(`Bearer ${staticKey}`)).status).toBe(200);
  });

  test.each([
    ['no token', async () => undefined, undefined],
    ['a malformed header', async () => 'Basic dXNlcjpwYXNz', 'invalid_token'],
    ['a token that is not a JWT', async () => 'Bearer not-a-jwt', 'invalid_token'],
    ['a wrong static key', async () => `Bearer ${staticKey.replace('0', 'x')}`, 'invalid_token'],
    [
      'a token for another audience',
      async () => `Bearer ${await jwks.wrongAudienceToken([role])}`,
      'invalid_token',
    ],
    ['an expired token', async () => `Bearer ${await jwks.expiredToken([role])}`, 'invalid_token'],
    [
      'a token not valid yet',
      async () => `Bearer ${await jwks.token({ claims: { roles: [role] }, notBeforeInSeconds: 3600 })}`,
      'invalid_token',
    ],
    [
      'a token from another issuer',
      async () =>
        `Bearer ${await jwks.token({ claims: { roles: [role] }, issuer: 'https://evil.example/v2.0' })}`,
      'invalid_token',
    ],
    [
      'a token signed by an unknown key',
      async () => `Bearer ${await jwks.token({ claims: { roles: [role] }, foreignKey: true })}`,
      'invalid_token',
    ],
    [
      'a token signed with RS384',
      async () => `Bearer ${await jwks.token({ claims: { roles: [role] }, algorithm: 'RS384' })}`,
      'invalid_token',
    ],
  ])('%s is a 401 with a Bearer challenge', async (_name, header, error) => {
    const authorization = await header();
    const before = app.rawLogs.length;
    const response = await list(authorization);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer realm="security-desk"${error ? `, error="${error}"` : ''}`,
    );
    const lines = app.rawLogs.slice(before).filter((line) => line.includes('request not authorised'));
    expect(lines).toHaveLength(1);
    const token = authorization?.split(' ')[1];
    if (token) expect(app.rawLogs.join('\n')).not.toContain(token);
  });

  test('a valid token without the support role is a 403', async () => {
    const response = await list(`Bearer ${await jwks.tokenWithRoles(['SecurityDesk.Reader'])}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('insufficient_scope');
  });

  test('the support role does not open the publisher-side ticket API, nor the other way round', async () => {
    const supportToken = await jwks.tokenWithRoles([role]);
    expect((await call(app.url, 'GET', '/api/tickets?tenantId=t', { token: supportToken })).status).toBe(403);
    const serviceToken = await jwks.tokenWithRoles(['SecurityDesk.TicketFiler']);
    expect((await call(app.url, 'GET', '/api/tickets?tenantId=t', { token: serviceToken })).status).toBe(200);
    expect((await call(app.url, 'GET', '/api/support/tickets', { token: serviceToken })).status).toBe(403);
  });
});

describe('support API authentication outside local mode', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        ...jwks.env('SUPPORT_AUTH'),
        MicrosoftAppId: 'bot-app-id',
        MicrosoftAppPassword: 'bot-app-secret',
        MicrosoftAppType: 'MultiTenant',
      },
    });
  });
  afterAll(() => app.close());

  test('the static key is refused; Entra tokens still work', async () => {
    const withKey = await call(app.url, 'GET', '/api/support/tickets', { token: staticKey });
    expect(withKey.status).toBe(401);
    const withToken = await call(app.url, 'GET', '/api/support/tickets', {
      token: await jwks.tokenWithRoles([role]),
    });
    expect(withToken.status).toBe(200);
  });
});
