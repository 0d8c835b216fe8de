import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { signWebhookBody } from '../../../src/http/notifications/verify-webhook-signature';
import { startTestApp, type TestApp } from '../../support/test-app';
import { notifyEnv, reportFrom, sendsTo, textsOf } from './notify-harness';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const TENANT = '11111111-2222-4333-8444-555555555555';
const AUDIENCE = 'api://security-desk-notifications';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;

describe('POST /api/notifications from a remote ticket service', () => {
  let test: TestApp;
  let jwks: Server;
  let privateKey: KeyLike;
  let number: string;
  let conversationId: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => jwks.once('listening', resolve));
    test = await startTestApp({
      env: {
        ...notifyEnv,
        // Reports are filed with a remote ticket service (unreachable here, so each is kept locally,
        // pending): its webhook events apply to them.
        TICKET_BACKEND: 'remote',
        REMOTE_BACKEND_URL: 'http://127.0.0.1:1',
        REMOTE_BACKEND_CREDENTIAL: 'static-token',
        REMOTE_BACKEND_STATIC_TOKEN: 'test-token',
        REMOTE_BACKEND_MAX_ATTEMPTS: '1',
        NOTIFY_WEBHOOK_HMAC_SECRET: SECRET,
        NOTIFY_WEBHOOK_TENANT_ID: TENANT,
        NOTIFY_WEBHOOK_AUDIENCE: AUDIENCE,
        NOTIFY_WEBHOOK_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`,
      },
    });
    const chat = test.chat({ locale: 'ru-RU' });
    conversationId = chat.conversationId;
    await chat.install();
    const filed = await test.app.backend.submit(reportFrom(chat));
    if (!filed.ok) throw new Error('report not filed');
    number = filed.record.ticket.confirmationNumber;
  });
  afterAll(async () => {
    await test.close();
    jwks.close();
  });

  const event = (overrides: Record<string, unknown> = {}) => ({
    eventId: randomUUID(),
    confirmationNumber: number,
    type: 'message_posted',
    actor: { kind: 'support', id: 'remote-analyst' },
    at: new Date().toISOString(),
    data: { message: 'Message from the remote desk' },
    ...overrides,
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${test.url}/api/notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });
  const signed = (body: string, at = Math.floor(Date.now() / 1000), secret = SECRET) => ({
    'X-SecurityDesk-Timestamp': String(at),
    'X-SecurityDesk-Signature': signWebhookBody(secret, at, body),
  });
  const token = (claims: { audience?: string; expiresIn?: string | number; roles?: string[] } = {}) =>
    new SignJWT({ roles: claims.roles ?? ['SecurityDesk.TicketService'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(ISSUER)
      .setSubject('remote-service')
      .setAudience(claims.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(claims.expiresIn ?? '5m')
      .sign(privateKey);
  const stored = async () => {
    const [events, outbox] = await Promise.all([
      test.app.store.db.selectFrom('ticket_events').select('id').execute(),
      test.app.store.db.selectFrom('outbox').select('id').execute(),
    ]);
    return { events: events.length, outbox: outbox.length };
  };

  it('refuses a valid token without the ticket service role with 403 and stores nothing', async () => {
    const before = await stored();
    const response = await post(JSON.stringify(event()), {
      Authorization: `Bearer ${await token({ roles: ['SecurityDesk.Support'] })}`,
    });
    expect(response.status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('refuses calls without valid credentials with 401 and stores nothing', async () => {
    const before = await stored();
    const body = JSON.stringify(event());
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(ISSUER)
      .setSubject('remote-service')
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(privateKey);
    const attempts: Array<[string, Record<string, string>]> = [
      ['no credentials', {}],
      ['wrong audience', { Authorization: `Bearer ${await token({ audience: 'api://someone-else' })}` }],
      ['expired token', { Authorization: `Bearer ${expired}` }],
      ['bad signature', signed(body, undefined, 'another-secret-0123456789abcdef-xyz')],
      ['replayed (timestamp outside the window)', signed(body, Math.floor(Date.now() / 1000) - 3600)],
    ];
    for (const [, headers] of attempts) {
      const response = await post(body, headers);
      expect(response.status).toBe(401);
    }
    // A body changed after signing fails too.
    const tampered = await post(body.replace('remote desk', 'evil desk'), signed(body));
    expect(tampered.status).toBe(401);
    expect(await stored()).toEqual(before);
  });

  it('stores a signed event once, mirrors the ticket and notifies the publisher', async () => {
    const body = JSON.stringify(
      event({ type: 'acknowledged', data: { priority: 'P3', severity: 'Medium', late: false } }),
    );
    const first = await post(body, signed(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'stored' });
    const again = await post(body, signed(body));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate' });

    const [call] = await test.connector.waitFor(sendsTo(conversationId));
    expect(textsOf(call!)).toContain('Поддержка подтвердила получение вашей заявки');
    const ticket = await test.app.backend.getForTenant(test.chat().user.tenantId, number);
    expect(ticket?.ticket).toMatchObject({ state: 'acknowledged', priority: 'P3', severity: 'Medium' });
  });

  it('accepts an Entra bearer token for the right audience', async () => {
    const body = JSON.stringify(event());
    const response = await post(body, { Authorization: `Bearer ${await token()}` });
    expect(response.status).toBe(200);
    await test.connector.waitFor(sendsTo(conversationId), 2);
  });

  it('rejects an invalid body with 400 after authentication, storing nothing', async () => {
    const before = await stored();
    const body = JSON.stringify(event({ type: 'acknowledged', data: { priority: 'P9' } }));
    const response = await post(body, signed(body));
    expect(response.status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it("refuses with 409 an event the ticket's state does not allow, storing nothing and notifying no one", async () => {
    const chat = test.chat();
    await chat.install();
    const filed = await test.app.backend.submit(reportFrom(chat));
    if (!filed.ok) throw new Error('report not filed');
    const closing = JSON.stringify(
      event({
        confirmationNumber: filed.record.ticket.confirmationNumber,
        type: 'closed',
        data: { reason: 'withdrawn' },
      }),
    );
    expect((await post(closing, signed(closing))).status).toBe(200);
    await test.connector.waitFor(sendsTo(chat.conversationId), 1);
    const before = await stored();
    const sendsBefore = test.connector.calls.length;

    for (const late of [
      { type: 'acknowledged', data: { priority: 'P2', severity: 'High', late: false } },
      { type: 'question_asked', data: { question: 'Still there?' } },
    ]) {
      const body = JSON.stringify(
        event({ confirmationNumber: filed.record.ticket.confirmationNumber, ...late }),
      );
      const response = await post(body, signed(body));
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({
        type: 'urn:security-desk:problem:state-conflict',
        status: 409,
      });
    }
    expect(await stored()).toEqual(before);
    const ticket = await test.app.backend.getForTenant(
      chat.user.tenantId,
      filed.record.ticket.confirmationNumber,
    );
    expect(ticket?.ticket).toMatchObject({ state: 'closed', closeReason: 'withdrawn' });
    expect(test.connector.calls.length).toBe(sendsBefore);
  });
});
