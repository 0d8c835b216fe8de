import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { readBearerToken } from '../auth/read-bearer-token';

/** The signing algorithms the Bot Connector may use (botbuilder's AllowedSigningAlgorithms). */
export const botTokenAlgorithms = ['RS256', 'RS384', 'RS512'] as const;

/** Clock skew tolerated on exp and nbf, as botbuilder allows the channel's tokens. */
export const botTokenClockToleranceSeconds = 300;

export interface BotTokenExpectations {
  /** The issuer the Bot Connector's tokens name (https://api.botframework.com in the public cloud). */
  readonly issuer: string;
  /** Our MicrosoftAppId: the audience of every token the channel sends us. */
  readonly appId: string;
  /** The activity's serviceUrl, which the token's `serviceurl` claim must name. */
  readonly serviceUrl: string;
  readonly now: Date;
}

export type ScreenedBotToken =
  | {
      readonly ok: true;
      readonly token: string;
      readonly header: ProtectedHeaderParameters & { readonly kid: string };
      readonly payload: JWTPayload;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Everything about a Bot Connector token that can be checked without its signing key: the header's
 * shape, an algorithm from the allowed list (no `none`, no HMAC), a key id, the issuer, our audience,
 * its validity period and the service URL it was issued for. A token failing any of these is refused
 * before any key is looked up, so forged tokens cost no metadata fetch. The signature is checked after.
 */
export function screenBotToken(
  authorization: string | undefined,
  expected: BotTokenExpectations,
): ScreenedBotToken {
  const token = readBearerToken(authorization);
  if (token === 'missing') return { ok: false, reason: 'no bearer token' };
  if (token === 'malformed') return { ok: false, reason: 'malformed authorization header' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    return { ok: false, reason: 'not a signed JWT (three base64url parts)' };
  }
  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    return { ok: false, reason: 'header or payload is not JSON' };
  }
  const alg = typeof header.alg === 'string' ? header.alg : '';
  if (!(botTokenAlgorithms as readonly string[]).includes(alg)) {
    return { ok: false, reason: `algorithm ${alg.slice(0, 16) || '(none)'} not allowed` };
  }
  const kid = header.kid;
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 256) {
    return { ok: false, reason: 'no key id' };
  }
  if (payload.iss !== expected.issuer) return { ok: false, reason: 'wrong issuer' };
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(expected.appId)) return { ok: false, reason: 'wrong audience' };
  const nowSeconds = expected.now.getTime() / 1000;
  if (typeof payload.exp !== 'number') return { ok: false, reason: 'no expiry' };
  if (payload.exp + botTokenClockToleranceSeconds <= nowSeconds) return { ok: false, reason: 'expired' };
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') return { ok: false, reason: 'malformed not-before' };
    if (payload.nbf - botTokenClockToleranceSeconds > nowSeconds)
      return { ok: false, reason: 'not yet valid' };
  }
  if (payload.serviceurl !== expected.serviceUrl) {
    return { ok: false, reason: 'issued for another service URL' };
  }
  return { ok: true, token, header: { ...header, kid }, payload };
}
