import type { Config } from '../../config';
import type { AuthResult } from './auth-result';
import { createBearerVerifier, type BearerVerifier } from './create-bearer-verifier';
import { readBearerToken } from './read-bearer-token';
import { staticKeyMatches } from './static-key-matches';

export interface ApiAuthenticator {
  authenticate(authorization: string | undefined): Promise<AuthResult>;
  /** Whether any way in is configured (otherwise every request is refused). */
  readonly configured: boolean;
}

/**
 * Who may call an API guarded by an app role: Entra ID bearer tokens carrying `role`, and — in local
 * mode only — the static SUPPORT_API_KEY sent as a bearer token (for the Emulator and scripts).
 */
export function createApiAuthenticator(
  config: Pick<Config, 'bot' | 'support'>,
  role: string,
  verifier: BearerVerifier | undefined = config.support.jwt
    ? createBearerVerifier({ ...config.support.jwt, requiredRole: role })
    : undefined,
): ApiAuthenticator {
  const staticKey = config.bot.localMode ? config.support.apiKey : undefined;
  return {
    configured: Boolean(verifier || staticKey),
    async authenticate(authorization) {
      const token = readBearerToken(authorization);
      if (staticKey && typeof token === 'string' && token !== 'missing' && token !== 'malformed') {
        if (staticKeyMatches(token, staticKey)) {
          return {
            ok: true,
            principal: {
              id: 'local-support-key',
              name: 'Local support key',
              roles: [role],
              via: 'static-key',
            },
          };
        }
      }
      if (verifier) return verifier.verify(authorization);
      if (token === 'missing') return { ok: false, status: 401, reason: 'no bearer token' };
      return { ok: false, status: 401, error: 'invalid_token', reason: 'unknown key' };
    },
  };
}
