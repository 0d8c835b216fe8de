import { ConfigError, loadConfig } from '../../../src/config';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  test('an empty environment gives the embedded defaults in local mode', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.bot.localMode).toBe(true);
    expect(config.store.engine).toBe('sqlite');
    expect(config.store.engine === 'sqlite' && config.store.file).toMatch(/data\/security-desk\.sqlite$/);
    expect(config.backend.kind).toBe('embedded');
    expect(Object.isFrozen(config.sla)).toBe(true);
  });

  test('DATABASE_URL selects PostgreSQL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
    expect(config.store).toMatchObject({ engine: 'postgres', url: 'postgres://u@127.0.0.1:5432/db' });
  });

  test('production without credentials refuses to start, naming the variable', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^MicrosoftAppId: required when NODE_ENV=production/),
    ]);
  });

  test('every bad value gets its own line naming its variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      MicrosoftAppType: 'Whatever',
      DATABASE_URL: 'mysql://x',
      SUPPORT_TIME_ZONE: 'Mars/Olympus',
      SUPPORT_WORKDAYS: '1-9',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(
      [
        'DATABASE_URL',
        'LOG_LEVEL',
        'MicrosoftAppType',
        'PORT',
        'SUPPORT_TIME_ZONE',
        'SUPPORT_WORKDAYS',
      ].sort(),
    );
  });

  test('SingleTenant needs a tenant id and a password; UserAssignedMSI needs no password', () => {
    expect(problemsOf({ MicrosoftAppId: 'a', MicrosoftAppType: 'SingleTenant' })).toEqual([
      'MicrosoftAppPassword: required for MicrosoftAppType=SingleTenant',
      'MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant',
    ]);
    expect(
      problemsOf({ MicrosoftAppId: 'a', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }),
    ).toEqual([]);
    expect(loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' }).bot).toMatchObject({
      localMode: false,
      appType: 'MultiTenant',
    });
  });

  test('a remote backend needs its URL and scope', () => {
    expect(problemsOf({ TICKET_BACKEND: 'remote' })).toEqual([
      'REMOTE_BACKEND_URL: required when TICKET_BACKEND=remote',
      expect.stringMatching(/^REMOTE_BACKEND_SCOPE: required/),
    ]);
  });

  test('short shared secrets are refused', () => {
    expect(problemsOf({ SUPPORT_API_KEY: 'short', NOTIFY_WEBHOOK_HMAC_SECRET: 'short' })).toEqual([
      'SUPPORT_API_KEY: must be at least 32 characters (it is a shared secret)',
      'NOTIFY_WEBHOOK_HMAC_SECRET: must be at least 32 characters (it is a shared secret)',
    ]);
  });

  test('support workdays accept ranges and lists', () => {
    expect(loadConfig({ SUPPORT_WORKDAYS: '7,1-4' }).sla.workdays).toEqual([1, 2, 3, 4, 7]);
  });
});
