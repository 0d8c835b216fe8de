import type { TestEngine } from '../../support/databases';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/test-app';
import { call } from '../support-api/support-client';

export const supportKey = 'local-support-key-for-tests-0123456789abcdef';

/**
 * The app on one engine: SQLite in a temporary directory, or a fresh PostgreSQL database (DATABASE_URL)
 * that close() drops. Several apps may share one PostgreSQL database through `env.DATABASE_URL`.
 */
export async function startAppOn(engine: TestEngine, options: TestAppOptions = {}): Promise<TestApp> {
  if (engine.name === 'sqlite') return startTestApp(options);
  const database = await engine.create();
  const url = (database.config as { url: string }).url;
  try {
    const app = await startTestApp({ ...options, env: { ...options.env, DATABASE_URL: url } });
    return {
      ...app,
      close: async () => {
        await app.close();
        await database.destroy();
      },
    };
  } catch (error) {
    await database.destroy();
    throw error;
  }
}

/** A registration code, as support gets it from the support API. */
export async function registrationCode(app: TestApp): Promise<string> {
  const response = await call(app.url, 'POST', '/api/support/channel-registrations', {
    token: supportKey,
    body: {},
  });
  if (response.status !== 201)
    throw new Error(`no code: ${response.status} ${JSON.stringify(response.body)}`);
  return String(response.body.code);
}

/** Every support_channels row (active and ended), in no particular order. */
export async function bindings(app: TestApp) {
  return app.app.store.db
    .selectFrom('support_channels' as never)
    .selectAll()
    .execute() as Promise<
    Array<{
      team_id: string;
      conversation_id: string;
      tenant_id: string;
      active: number;
      ended_reason: string | null;
    }>
  >;
}
