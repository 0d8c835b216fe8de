import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchTeamsFile, type FetchFileOptions } from '../../../src/evidence/fetch-teams-file';

/**
 * A file host on loopback that records every request it gets. Its answers never chain `writeHead(…).end()`:
 * restify replaces `http.ServerResponse.prototype.writeHead` (with one that returns nothing) in any process
 * that loads it, and a jest worker keeps core modules across test files.
 */
let server: Server;
let base = '';
const requests: string[] = [];
const routes = new Map<string, (res: import('node:http').ServerResponse) => void>();

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.url} auth=${req.headers.authorization ?? ''}`);
    const route = routes.get(req.url ?? '');
    if (route) return route(res);
    void (res.writeHead(404), res.end());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
  routes.clear();
});

const options = (extra: Partial<FetchFileOptions> = {}): FetchFileOptions => ({
  hosts: ['*.sharepoint.com'],
  allowLoopback: true,
  maxBytes: 100,
  timeoutMs: 15_000,
  ...extra,
});

describe('fetching a file Teams announced (no server-side request forgery)', () => {
  test('an allow-listed name that resolves to a private address is refused without a request', async () => {
    for (const address of ['10.0.0.8', '169.254.169.254', 'fd00::5', '::ffff:192.168.0.1']) {
      const result = await fetchTeamsFile('https://contoso.sharepoint.com/x', {
        ...options({ allowLoopback: false }),
        resolve: async () => ['13.107.136.9', address],
      });
      expect(result).toEqual({
        ok: false,
        reason: 'privateAddress',
        detail: `contoso.sharepoint.com resolves to ${address}`,
      });
    }
  });

  test('a host not on the list, or not https, is refused before DNS is even asked', async () => {
    const resolve = jest.fn(async () => ['13.107.136.9']);
    for (const url of [
      'https://sharepoint.com.evil.example/x',
      'http://contoso.sharepoint.com/x',
      'file:///etc/passwd',
      'gopher://x',
    ]) {
      const result = await fetchTeamsFile(url, { ...options({ allowLoopback: false }), resolve });
      expect(result).toMatchObject({ ok: false, reason: 'foreignHost' });
    }
    expect(resolve).not.toHaveBeenCalled();
  });

  test('a redirect to a foreign host is not followed, and the token never leaves its host', async () => {
    routes.set(
      '/start',
      (res) => void (res.writeHead(302, { Location: 'https://files.attacker.example/steal' }), res.end()),
    );
    const result = await fetchTeamsFile(`${base}/start`, options({ authorization: 'Bearer bot-token' }));
    expect(result).toMatchObject({ ok: false, reason: 'foreignHost' });
    expect(requests).toEqual(['/start auth=Bearer bot-token']);
  });

  test('a redirect on the same host is followed with the token', async () => {
    routes.set('/a', (res) => void (res.writeHead(302, { Location: '/b' }), res.end()));
    routes.set('/b', (res) => void (res.writeHead(200), res.end('hello')));
    const result = await fetchTeamsFile(`${base}/a`, options({ authorization: 'Bearer t' }));
    expect(result).toEqual({ ok: true, bytes: Buffer.from('hello') });
    expect(requests).toEqual(['/a auth=Bearer t', '/b auth=Bearer t']);
  });

  test('expired links, oversized and empty bodies are told apart', async () => {
    routes.set('/gone', (res) => void (res.writeHead(401), res.end()));
    routes.set('/big', (res) => void (res.writeHead(200), res.end(Buffer.alloc(101))));
    routes.set('/chunked-big', (res) => {
      res.writeHead(200, { 'Transfer-Encoding': 'chunked' });
      for (let i = 0; i < 11; i++) res.write(Buffer.alloc(10));
      res.end();
    });
    routes.set('/empty', (res) => void (res.writeHead(200), res.end()));
    routes.set('/broken', (res) => void (res.writeHead(500), res.end()));
    expect(await fetchTeamsFile(`${base}/gone`, options())).toMatchObject({ reason: 'expired' });
    expect(await fetchTeamsFile(`${base}/missing`, options())).toMatchObject({ reason: 'expired' });
    expect(await fetchTeamsFile(`${base}/big`, options())).toMatchObject({ reason: 'tooLarge' });
    expect(await fetchTeamsFile(`${base}/chunked-big`, options())).toMatchObject({ reason: 'tooLarge' });
    expect(await fetchTeamsFile(`${base}/empty`, options())).toMatchObject({ reason: 'empty' });
    expect(await fetchTeamsFile(`${base}/broken`, options())).toMatchObject({ reason: 'unreachable' });
  });

  test('loopback is refused unless the test configuration allows it', async () => {
    routes.set('/ok', (res) => void (res.writeHead(200), res.end('x')));
    expect(await fetchTeamsFile(`${base}/ok`, options({ allowLoopback: false }))).toMatchObject({
      ok: false,
      reason: 'foreignHost',
    });
    expect(requests).toEqual([]);
  });
});
