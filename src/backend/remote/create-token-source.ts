import {
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { Config } from '../../config';

export type RemoteBackendConfig = Extract<Config['backend'], { kind: 'remote' }>;

/** A bearer token for the remote ticket service; `refresh` forgets a cached one (after a 401). */
export interface TokenSource {
  getToken(options?: { refresh?: boolean }): Promise<string>;
}

/** Renew a cached token this long before it expires. */
const renewBeforeMs = 5 * 60_000;

/** The @azure/identity credential REMOTE_BACKEND_CREDENTIAL names (undefined for the static dev token). */
export function selectCredential(config: RemoteBackendConfig): TokenCredential | undefined {
  const { tenantId, clientId, clientSecret, certificatePath } = config.azure;
  switch (config.credential) {
    case 'static-token':
      return undefined;
    case 'client-secret':
      return new ClientSecretCredential(
        required(tenantId, 'AZURE_TENANT_ID'),
        required(clientId, 'AZURE_CLIENT_ID'),
        required(clientSecret, 'AZURE_CLIENT_SECRET'),
      );
    case 'certificate':
      return new ClientCertificateCredential(
        required(tenantId, 'AZURE_TENANT_ID'),
        required(clientId, 'AZURE_CLIENT_ID'),
        {
          certificatePath: required(certificatePath, 'AZURE_CLIENT_CERTIFICATE_PATH'),
        },
      );
    case 'managed-identity':
      // A client id selects a user-assigned identity; without one, the system-assigned identity.
      return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
    case 'default':
      return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
  }
}

/**
 * Tokens for the remote service: from the configured credential for the configured scope (cached until
 * shortly before expiry), or the static development token. `credential` replaces the configured one in
 * tests, which cannot reach Entra.
 */
export function createTokenSource(config: RemoteBackendConfig, credential?: TokenCredential): TokenSource {
  if (!credential && config.credential === 'static-token') {
    const token = required(config.staticToken, 'REMOTE_BACKEND_STATIC_TOKEN');
    return { getToken: async () => token };
  }
  const source = credential ?? selectCredential(config);
  if (!source) throw new Error('no credential for the remote ticket service');
  const scope = required(config.scope, 'REMOTE_BACKEND_SCOPE');
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  return {
    async getToken(options = {}) {
      if (options.refresh) cached = undefined;
      if (cached && cached.expiresAt - renewBeforeMs > Date.now()) return cached.token;
      inFlight ??= (async () => {
        try {
          const access = await source.getToken(scope);
          if (!access) throw new Error('the credential returned no token');
          cached = { token: access.token, expiresAt: access.expiresOnTimestamp };
          return access.token;
        } finally {
          inFlight = undefined;
        }
      })();
      return inFlight;
    },
  };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required for this remote backend credential`);
  return value;
}
