import { sql } from 'kysely';
import { engines, type TestDatabase } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/test-app';
import { TcpProxy } from './tcp-proxy';

const problemType = (kind: string) => `urn:security-desk:problem:${kind}`;

async function probe(app: TestApp, path: string) {
  const response = await fetch(`${app.url}${path}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Probes until `path` answers `status` (the pool notices a dropped server on its next query). */
async function until(app: TestApp, path: string, status: number) {
  for (let i = 0; i < 100; i++) {
    const result = await probe(app, path);
    if (result.status === status) return result;
  }
  throw new Error(`${path} never answered ${status}`);
}

describe('liveness and readiness', () => {
  test('on SQLite: /livez and /readyz answer 200, and /healthz answers as /readyz', async () => {
    const app = await startTestApp();
    try {
      expect(await probe(app, '/livez')).toEqual({
        status: 200,
        type: 'application/json',
        body: { status: 'live' },
      });
      expect(await probe(app, '/readyz')).toEqual({
        status: 200,
        type: 'application/json',
        body: { status: 'ready' },
      });
      expect(await probe(app, '/healthz')).toEqual(await probe(app, '/readyz'));

      // A store another instance has not finished migrating (or a rolled-back one) is not ready.
      await sql`delete from kysely_migration where name = '002-tickets'`.execute(app.app.store.db);
      expect(await probe(app, '/readyz')).toEqual({
        status: 503,
        type: 'application/problem+json',
        body: {
          type: problemType('not-ready'),
          title: 'Not ready',
          status: 503,
          detail: 'Database migrations not applied yet: 002-tickets',
          reason: 'migrations-pending',
        },
      });
      expect((await probe(app, '/livez')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  describe('with PostgreSQL behind a proxy that can be cut', () => {
    let database: TestDatabase;
    let proxy: TcpProxy;
    let app: TestApp;

    beforeAll(async () => {
      database = await engines.find((engine) => engine.name === 'postgres')!.create();
      if (database.config.engine !== 'postgres') throw new Error('expected PostgreSQL');
      proxy = await new TcpProxy('127.0.0.1', 5432).start();
      const url = new URL(database.config.url);
      url.host = `127.0.0.1:${proxy.port}`;
      app = await startTestApp({ env: { DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: '2' } });
    });
    afterAll(async () => {
      proxy.restore();
      await app?.close();
      await proxy?.stop();
      await database?.destroy();
    });

    test('readiness fails with the reason while the database is unreachable, and comes back with it', async () => {
      expect((await probe(app, '/readyz')).status).toBe(200);

      proxy.cut();
      const down = await until(app, '/readyz', 503);
      expect(down).toEqual({
        status: 503,
        type: 'application/problem+json',
        body: {
          type: problemType('not-ready'),
          title: 'Not ready',
          status: 503,
          detail: expect.stringMatching(/^The postgres store does not answer: /),
          reason: 'store-unreachable',
        },
      });
      expect((await probe(app, '/healthz')).body).toMatchObject({ reason: 'store-unreachable' });
      // The process is fine: restarting it would not bring the database back.
      expect((await probe(app, '/livez')).status).toBe(200);

      proxy.restore();
      expect((await until(app, '/readyz', 200)).body).toEqual({ status: 'ready' });
    }, 60_000);
  });
});
