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
    expect(problemsOf({ NODE_ENV: 'production' })).toContainEqual(
      expect.stringMatching(/^MicrosoftAppId: required when NODE_ENV=production/),
    );
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
    expect(
      loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppType: 'MultiTenant' }).bot,
    ).toMatchObject({ localMode: false, appType: 'MultiTenant' });
  });

  test('MicrosoftAppType defaults to SingleTenant, so credentials without a tenant are named at start', () => {
    expect(problemsOf({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' })).toEqual([
      'MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant',
    ]);
    expect(
      loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' }).bot,
    ).toMatchObject({ localMode: false, appType: 'SingleTenant', appTenantId: 't' });
  });

  test('local mode listens on 127.0.0.1 unless HOST says otherwise; with credentials on every address', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', hostDefaulted: true });
    expect(loadConfig({ HOST: '0.0.0.0' })).toMatchObject({ host: '0.0.0.0', hostDefaulted: false });
    expect(
      loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' }),
    ).toMatchObject({ host: '0.0.0.0', hostDefaulted: true });
  });

  test('the shutdown grace is SHUTDOWN_GRACE_SECONDS, 10 s by default, and bounded', () => {
    expect(loadConfig({}).shutdownGraceMs).toBe(10_000);
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: '45' }).shutdownGraceMs).toBe(45_000);
    expect(problemsOf({ SHUTDOWN_GRACE_SECONDS: '0' })).toEqual([
      'SHUTDOWN_GRACE_SECONDS: must be a whole number from 1 to 600',
    ]);
  });

  test('an Application Insights connection string is checked at start; unset, there is no telemetry', () => {
    expect(loadConfig({}).telemetry).toBeUndefined();
    const good =
      'InstrumentationKey=00000000-1111-2222-3333-444444444444;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/';
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: good }).telemetry).toEqual({
      connectionString: good,
    });
    expect(problemsOf({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'not a connection string' })).toEqual([
      'APPLICATIONINSIGHTS_CONNECTION_STRING: must be key=value pairs separated by ";", as the Application Insights resource shows it',
    ]);
    expect(
      problemsOf({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://x.example/' }),
    ).toEqual(['APPLICATIONINSIGHTS_CONNECTION_STRING: must contain InstrumentationKey=<GUID>']);
    expect(
      problemsOf({
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=abc;IngestionEndpoint=https://x/',
      }),
    ).toEqual(['APPLICATIONINSIGHTS_CONNECTION_STRING: InstrumentationKey must be a GUID']);
    expect(
      problemsOf({
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          'InstrumentationKey=00000000-1111-2222-3333-444444444444;IngestionEndpoint=http://collector.example/',
      }),
    ).toEqual(['APPLICATIONINSIGHTS_CONNECTION_STRING: IngestionEndpoint must be an https:// URL']);
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

  test('a SUPPORT_API_KEY must be sendable as a bearer token; one line per variable', () => {
    expect(problemsOf({ SUPPORT_API_KEY: 'spaces and a bang! are not bearer token characters' })).toEqual([
      'SUPPORT_API_KEY: may contain only A-Z, a-z, 0-9 and - . _ ~ + / (it is sent as a bearer token; no spaces)',
    ]);
    expect(problemsOf({ SUPPORT_API_KEY: 'a b!' })).toEqual([
      'SUPPORT_API_KEY: must be at least 32 characters (it is a shared secret)',
    ]);
    const key = 'Zm9vYmFyLWJhei1xdXV4LWNvcmdlLWdyYXVsdC1nYXJwbHk=';
    expect(loadConfig({ SUPPORT_API_KEY: key }).support.apiKey).toBe(key);
  });

  test('HOST must be an address or a host name', () => {
    for (const host of ['999.1.1.1', '1.2.3', 'bad host', 'under_score.example'])
      expect([host, problemsOf({ HOST: host })]).toEqual([host, [expect.stringMatching(/^HOST: must be/)]]);
    for (const host of ['0.0.0.0', '127.0.0.1', '::', '::1', 'localhost', 'bot.example.com'])
      expect(loadConfig({ HOST: host }).host).toBe(host);
  });

  test('a JWKS URL without an audience names the audience variable', () => {
    expect(
      problemsOf({
        SUPPORT_AUTH_JWKS_URL: 'https://keys.example/jwks',
        SUPPORT_AUTH_ISSUER: 'https://i.example',
      }),
    ).toEqual(['SUPPORT_AUTH_AUDIENCE: required when SUPPORT_AUTH_JWKS_URL is set']);
    expect(problemsOf({ NOTIFY_WEBHOOK_JWKS_URL: 'https://keys.example/jwks' })).toEqual([
      'NOTIFY_WEBHOOK_AUDIENCE: required when NOTIFY_WEBHOOK_JWKS_URL is set',
      'NOTIFY_WEBHOOK_ISSUER: required when NOTIFY_WEBHOOK_JWKS_URL is set without a tenant',
    ]);
  });

  test('the holiday calendar must be one the library knows', () => {
    expect(problemsOf({ SUPPORT_HOLIDAYS_COUNTRY: 'XX' })).toEqual([
      'SUPPORT_HOLIDAYS_COUNTRY: date-holidays has no holidays for country "XX"',
    ]);
    expect(
      problemsOf({
        SUPPORT_HOLIDAYS_COUNTRY: 'US',
        SUPPORT_HOLIDAYS_STATE: 'LA',
        SUPPORT_HOLIDAYS_REGION: 'ZZ',
      }),
    ).toEqual(['SUPPORT_HOLIDAYS_REGION: date-holidays has no region "ZZ" in US-LA']);
    expect(problemsOf({ SUPPORT_HOLIDAYS_COUNTRY: 'none', SUPPORT_HOLIDAYS_STATE: 'CA' })).toEqual([
      'SUPPORT_HOLIDAYS_STATE: must be empty when SUPPORT_HOLIDAYS_COUNTRY=none',
    ]);
    expect(problemsOf({ SUPPORT_HOLIDAYS_COUNTRY: 'DE', SUPPORT_HOLIDAYS_STATE: 'BY' })).toEqual([]);
  });

  test('the Bot Connector key source and the look-up limits have defaults and can be set', () => {
    const defaults = loadConfig({});
    expect(defaults.bot).toMatchObject({
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      tokenIssuer: 'https://api.botframework.com',
    });
    expect(defaults.lookups).toEqual({
      perUserPerMinute: 30,
      perTenantPerMinute: 300,
      unknownPerUserPerMinute: 5,
      unknownPerTenantPerMinute: 20,
    });
    expect(problemsOf({ BOT_OPENID_METADATA_URL: 'not a url', LOOKUPS_PER_USER_PER_MINUTE: '0' })).toEqual([
      expect.stringMatching(/^BOT_OPENID_METADATA_URL: /),
      'LOOKUPS_PER_USER_PER_MINUTE: must be a whole number from 1 to 10000',
    ]);
  });
});
