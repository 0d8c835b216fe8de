import { failureKindOf } from '../../../src/notify/delivery-failure';
import { parseRetryAfter } from '../../../src/retry/parse-retry-after';
import { backoffMs, retryPolicy, throttleDelayMs } from '../../../src/notify/retry-policy';
import {
  signWebhookBody,
  verifyWebhookSignature,
} from '../../../src/http/notifications/verify-webhook-signature';

describe('what the notifier does about a connector answer', () => {
  it.each([
    [429, 'throttled'],
    [403, 'gone'],
    [404, 'gone'],
    [500, 'transient'],
    [502, 'transient'],
    [412, 'transient'],
    [undefined, 'transient'],
    [400, 'rejected'],
  ])('HTTP %p is %s', (status, kind) => expect(failureKindOf(status)).toBe(kind));

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-11-25T10:00:00.000Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, and honours Retry-After', () => {
    const { initialDelayMs, maxDelayMs } = retryPolicy.backoff;
    const random = jest.spyOn(Math, 'random');
    random.mockReturnValue(0);
    expect(backoffMs(1)).toBe(initialDelayMs / 2);
    expect(throttleDelayMs(undefined, 1)).toBe(initialDelayMs / 2);
    random.mockReturnValue(0.999);
    expect(backoffMs(3)).toBeLessThanOrEqual(initialDelayMs * 4);
    expect(backoffMs(3)).toBeGreaterThan(initialDelayMs * 3.9);
    expect(backoffMs(40)).toBeLessThanOrEqual(maxDelayMs);
    expect(throttleDelayMs(7000, 1)).toBe(7000);
    expect(throttleDelayMs(10 * 3_600_000, 1)).toBe(retryPolicy.maxRetryAfterMs);
    random.mockRestore();
  });
});

describe('webhook signatures', () => {
  const secret = 'a-shared-secret-of-at-least-32-characters';
  const now = new Date('2026-11-25T10:00:00.000Z');
  const at = Math.floor(now.getTime() / 1000);
  const body = '{"eventId":"x"}';
  const check = (signature: string, timestamp = String(at), raw = body) =>
    verifyWebhookSignature({ secret, signature, timestamp, rawBody: raw, now, replayWindowSeconds: 300 });

  it('accepts the signature over timestamp.body within the replay window', () => {
    expect(check(signWebhookBody(secret, at, body))).toEqual({ ok: true });
  });

  it('refuses a changed body, another secret, an old or future timestamp, and junk', () => {
    expect(check(signWebhookBody(secret, at, body), String(at), '{"eventId":"y"}').ok).toBe(false);
    expect(check(signWebhookBody('another-secret-of-at-least-32-characters', at, body)).ok).toBe(false);
    expect(check(signWebhookBody(secret, at - 301, body), String(at - 301))).toMatchObject({
      ok: false,
      reason: 'timestamp outside the replay window',
    });
    expect(check(signWebhookBody(secret, at + 301, body), String(at + 301)).ok).toBe(false);
    expect(check('sha256=zz').ok).toBe(false);
    expect(check(signWebhookBody(secret, at, body), 'yesterday').ok).toBe(false);
  });
});
