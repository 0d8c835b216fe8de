import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { JwtValidationOptions } from '../../config';
import type { AuthResult } from './auth-result';
import { readBearerToken } from './read-bearer-token';

export interface BearerVerifierOptions extends JwtValidationOptions {
  /** The app role (`roles` claim) the caller must hold; none checked when absent. */
  readonly requiredRole?: string;
  /** Allowed clock skew in seconds (default 60). */
  readonly clockToleranceSeconds?: number;
  /** The current time, for tests; the system clock otherwise. */
  readonly now?: () => Date;
  /** A key source instead of fetching `jwksUrl` (tests). */
  readonly keys?: JWTVerifyGetKey;
}

export interface BearerVerifier {
  /** Checks an Authorization header value: signature, issuer, audience, expiry, not-before, role. */
  verify(authorization: string | undefined): Promise<AuthResult>;
}

/**
 * Entra ID access tokens, validated by jose against the tenant's published signing keys (fetched and
 * cached by createRemoteJWKSet, refetched when a token names an unknown key). RS256 only, as Entra signs.
 * An audience is required: without it a token the tenant issued to any other app would pass.
 */
export function createBearerVerifier(options: BearerVerifierOptions): BearerVerifier {
  if (!options.audience) throw new Error('createBearerVerifier: an audience is required');
  const keys = options.keys ?? createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000 });
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: ['RS256'],
    clockTolerance: options.clockToleranceSeconds ?? 60,
    requiredClaims: ['exp'],
  };

  return {
    async verify(authorization) {
      const token = readBearerToken(authorization);
      if (token === 'missing') return { ok: false, status: 401, reason: 'no bearer token' };
      if (token === 'malformed') {
        return { ok: false, status: 401, error: 'invalid_token', reason: 'malformed authorization header' };
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          ...verifyOptions,
          ...(options.now ? { currentDate: options.now() } : {}),
        }));
      } catch (err) {
        if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
          return { ok: false, status: 503, reason: `signing keys unavailable: ${describe(err)}` };
        }
        return { ok: false, status: 401, error: 'invalid_token', reason: describe(err) };
      }
      const roles = Array.isArray(payload.roles)
        ? payload.roles.filter((r): r is string => typeof r === 'string')
        : [];
      const id = stringClaim(payload, 'oid') ?? payload.sub;
      if (!id) return { ok: false, status: 401, error: 'invalid_token', reason: 'token names no subject' };
      if (options.requiredRole && !roles.includes(options.requiredRole)) {
        return {
          ok: false,
          status: 403,
          error: 'insufficient_scope',
          reason: `missing role ${options.requiredRole}`,
        };
      }
      const name = stringClaim(payload, 'name') ?? stringClaim(payload, 'preferred_username');
      const appId = stringClaim(payload, 'azp') ?? stringClaim(payload, 'appid');
      return {
        ok: true,
        principal: { id, roles, via: 'jwt', ...(name ? { name } : {}), ...(appId ? { appId } : {}) },
      };
    },
  };
}

function stringClaim(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 200) : undefined;
}

/** jose's code and claim, never the token. */
function describe(err: unknown): string {
  if (err instanceof errors.JWTClaimValidationFailed) return `${err.code} (${err.claim})`;
  if (err instanceof errors.JOSEError) return err.code;
  return err instanceof Error ? err.name : 'unknown error';
}
