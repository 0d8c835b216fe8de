import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { BotSigningKeys } from './bot-signing-keys';
import { botTokenAlgorithms, botTokenClockToleranceSeconds, screenBotToken } from './screen-bot-token';

export type BotTokenResult =
  | { readonly ok: true; readonly claims: JWTPayload }
  | { readonly ok: false; readonly status: 401; readonly reason: string }
  | { readonly ok: false; readonly status: 503; readonly reason: string; readonly retryAfterSeconds: number };

export interface BotTokenVerifierOptions {
  readonly keys: BotSigningKeys;
  readonly issuer: string;
  readonly appId: string;
  readonly now?: () => Date;
}

/**
 * The Bot Connector's token on an inbound activity, checked as botbuilder's channel validation does
 * (issuer, our app id as audience, an allowed RS algorithm, 5 minutes' clock skew, the service URL
 * claim, the signing key's endorsement of the channel), in this order: what needs no key first, then
 * the key — held in memory, never fetched per request — then the signature with jose. Every refusal is
 * a 401 with its reason for the log; no keys at all is a 503 to retry.
 */
export class BotTokenVerifier {
  constructor(private readonly options: BotTokenVerifierOptions) {}

  async verify(
    authorization: string | undefined,
    activity: { readonly serviceUrl: string; readonly channelId: string },
  ): Promise<BotTokenResult> {
    const now = this.options.now?.() ?? new Date();
    const screened = screenBotToken(authorization, {
      issuer: this.options.issuer,
      appId: this.options.appId,
      serviceUrl: activity.serviceUrl,
      now,
    });
    if (!screened.ok) return { ok: false, status: 401, reason: screened.reason };
    const found = await this.options.keys.lookup(screened.header.kid);
    if (found.kind === 'unavailable') {
      return {
        ok: false,
        status: 503,
        reason: 'Bot Connector signing keys unavailable',
        retryAfterSeconds: found.retryAfterSeconds,
      };
    }
    if (found.kind === 'unknownKey') return { ok: false, status: 401, reason: 'unknown signing key' };
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(screened.token, found.keys, {
        algorithms: [...botTokenAlgorithms],
        issuer: this.options.issuer,
        audience: this.options.appId,
        clockTolerance: botTokenClockToleranceSeconds,
        requiredClaims: ['exp'],
        currentDate: now,
      }));
    } catch (error) {
      return {
        ok: false,
        status: 401,
        reason: error instanceof errors.JOSEError ? error.code : 'invalid token',
      };
    }
    // A key endorsed for some channels signs only for those (botbuilder's EndorsementsValidator).
    if (found.endorsements.length > 0 && !found.endorsements.includes(activity.channelId)) {
      return { ok: false, status: 401, reason: 'key not endorsed for this channel' };
    }
    return { ok: true, claims };
  }
}
