import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed webhook call (docs/openapi.json, WebhookSignature). */
export const SIGNATURE_HEADER = 'x-securitydesk-signature';
export const TIMESTAMP_HEADER = 'x-securitydesk-timestamp';

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * HMAC-SHA256 over `<timestamp>.<raw body>` with the shared secret, sent as `sha256=<hex>`; the
 * timestamp (Unix seconds) must be within the replay window of now, so a captured call cannot be
 * replayed later (and a redelivery within the window is harmless: events are idempotent by id).
 */
export function verifyWebhookSignature(input: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string;
  now: Date;
  replayWindowSeconds: number;
}): SignatureCheck {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, reason: 'no signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  const skew = Math.abs(input.now.getTime() / 1000 - Number(timestamp));
  if (skew > input.replayWindowSeconds) return { ok: false, reason: 'timestamp outside the replay window' };
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  if (!match?.[1]) return { ok: false, reason: 'malformed signature' };
  const expected = createHmac('sha256', input.secret).update(`${timestamp}.${input.rawBody}`).digest();
  const given = Buffer.from(match[1], 'hex');
  if (!timingSafeEqual(expected, given)) return { ok: false, reason: 'bad signature' };
  return { ok: true };
}

/** What a sender computes; for the remote service's implementers and the tests. */
export function signWebhookBody(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
