import {
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import {
  createTokenSource,
  selectCredential,
  type RemoteBackendConfig,
} from '../../../src/backend/remote/create-token-source';
import { loadConfig } from '../../../src/config';

function remoteConfig(env: Record<string, string>): RemoteBackendConfig {
  const config = loadConfig({
    TICKET_BACKEND: 'remote',
    REMOTE_BACKEND_URL: 'https://tickets.example',
    ...env,
  });
  if (config.backend.kind !== 'remote') throw new Error('not remote');
  return config.backend;
}

const azure = { AZURE_TENANT_ID: 'tenant-1', AZURE_CLIENT_ID: 'client-1' };
const scope = { REMOTE_BACKEND_SCOPE: 'api://tickets/.default' };

describe('the remote backend’s credential is the one REMOTE_BACKEND_CREDENTIAL names', () => {
  test.each([
    ['client-secret', { ...azure, AZURE_CLIENT_SECRET: 's3cret' }, ClientSecretCredential],
    [
      'certificate',
      { ...azure, AZURE_CLIENT_CERTIFICATE_PATH: '/etc/cert.pem' },
      ClientCertificateCredential,
    ],
    ['managed-identity', {}, ManagedIdentityCredential],
    ['managed-identity', { AZURE_CLIENT_ID: 'user-assigned' }, ManagedIdentityCredential],
    ['default', {}, DefaultAzureCredential],
  ] as const)('%s → %p', (credential, env, expected) => {
    const config = remoteConfig({ REMOTE_BACKEND_CREDENTIAL: credential, ...scope, ...env });
    expect(selectCredential(config)).toBeInstanceOf(expected);
  });

  test('the static development token is used as it is, without Entra', async () => {
    const config = remoteConfig({
      REMOTE_BACKEND_CREDENTIAL: 'static-token',
      REMOTE_BACKEND_STATIC_TOKEN: 'dev-token',
    });
    expect(selectCredential(config)).toBeUndefined();
    expect(await createTokenSource(config).getToken()).toBe('dev-token');
  });

  test('tokens are asked for the configured scope, cached, and refreshed on request', async () => {
    const asked: string[] = [];
    let n = 0;
    const credential: TokenCredential = {
      getToken: async (scopes) => {
        asked.push(String(scopes));
        n += 1;
        return { token: `token-${n}`, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const source = createTokenSource(
      remoteConfig({ REMOTE_BACKEND_CREDENTIAL: 'default', ...scope }),
      credential,
    );
    expect(await source.getToken()).toBe('token-1');
    expect(await source.getToken()).toBe('token-1');
    expect(await source.getToken({ refresh: true })).toBe('token-2');
    expect(asked).toEqual(['api://tickets/.default', 'api://tickets/.default']);
  });

  test('a token about to expire is renewed', async () => {
    let n = 0;
    const credential: TokenCredential = {
      getToken: async () => ({ token: `token-${++n}`, expiresOnTimestamp: Date.now() + 60_000 }),
    };
    const source = createTokenSource(
      remoteConfig({ REMOTE_BACKEND_CREDENTIAL: 'default', ...scope }),
      credential,
    );
    expect(await source.getToken()).toBe('token-1');
    expect(await source.getToken()).toBe('token-2');
  });
});
