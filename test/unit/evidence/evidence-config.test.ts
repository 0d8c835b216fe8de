import { ConfigError, loadConfig } from '../../../src/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/sd-config-test', ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('evidence settings are checked at start, each problem named', () => {
  test('the defaults: disk under DATA_DIR, Teams file hosts, every kind, no loopback', () => {
    const { evidence } = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/sd-config-test' });
    expect(evidence.storage).toEqual({ kind: 'disk', dir: '/tmp/sd-config-test/evidence' });
    expect(evidence.fileHosts).toContain('*.sharepoint.com');
    expect(evidence.allowedKinds).toEqual([
      'png',
      'jpeg',
      'gif',
      'webp',
      'pdf',
      'zip',
      'gzip',
      'text',
      'json',
    ]);
    expect(evidence.allowLoopback).toBe(false);
    expect(evidence.key).toBeUndefined();
  });

  test('loopback is for tests only', () => {
    expect(problems({ NODE_ENV: 'development', EVIDENCE_ALLOW_LOOPBACK: 'true' })).toEqual([
      'EVIDENCE_ALLOW_LOOPBACK: only for tests (NODE_ENV=test); files come from Teams hosts',
    ]);
    expect(problems({ EVIDENCE_ALLOW_LOOPBACK: 'true' })).toEqual([]);
  });

  test('bad values are named', () => {
    expect(problems({ EVIDENCE_KEY: 'short' })).toEqual([
      'EVIDENCE_KEY: must be 32 random bytes in base64 (openssl rand -base64 32)',
    ]);
    expect(problems({ EVIDENCE_ALLOWED_TYPES: 'png,exe' })[0]).toMatch(
      /^EVIDENCE_ALLOWED_TYPES: must list kinds of/,
    );
    expect(problems({ EVIDENCE_FILE_HOSTS: 'https://x.example/' })[0]).toMatch(
      /^EVIDENCE_FILE_HOSTS: must list host names/,
    );
    expect(problems({ EVIDENCE_STORAGE: 'blob' })).toEqual([
      'EVIDENCE_BLOB_ACCOUNT_URL: required when EVIDENCE_STORAGE=blob',
    ]);
    expect(problems({ EVIDENCE_MAX_FILE_BYTES: '2048', EVIDENCE_MAX_TICKET_BYTES: '1024' })).toEqual([
      'EVIDENCE_MAX_TICKET_BYTES: must be at least EVIDENCE_MAX_FILE_BYTES',
    ]);
  });

  test('production needs the wrapping key and no connection string', () => {
    const production = {
      NODE_ENV: 'production',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
    };
    expect(problems(production)).toContain(
      'EVIDENCE_KEY: required when NODE_ENV=production (32 random bytes in base64)',
    );
    expect(
      problems({
        ...production,
        EVIDENCE_KEY: Buffer.alloc(32, 1).toString('base64'),
        EVIDENCE_STORAGE: 'blob',
        EVIDENCE_BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      }),
    ).toContain(
      'EVIDENCE_BLOB_CONNECTION_STRING: for development only; in production set EVIDENCE_BLOB_ACCOUNT_URL (managed identity)',
    );
  });
});
