import { DraftDownloadLinks } from '../../../src/backend/draft-download-links';
import { FixedClock } from '../../support/fixed-clock';

const ticketId = '6f1c1f0e-3c1a-4d4e-9b1a-1c2d3e4f5a6b';
const draftId = '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a';

describe('download links for customer drafts', () => {
  test('a link grants its draft until it expires, then is refused as expired', () => {
    const clock = new FixedClock('2026-11-24T10:00:00.000Z');
    const links = new DraftDownloadLinks({ key: 'k'.repeat(32), ttlMinutes: 60, clock });
    const { token, expiresAt } = links.issue(ticketId, draftId);
    expect(expiresAt.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(token.length).toBeLessThan(100);
    expect(links.check(token)).toEqual({ ok: true, grant: { ticketId, draftId, expiresAt } });
    clock.advance(60 * 60_000 - 1000);
    expect(links.check(token).ok).toBe(true);
    clock.advance(1000);
    expect(links.check(token)).toEqual({ ok: false, reason: 'expired' });
  });

  test('another key, an altered payload or signature, and junk are invalid', () => {
    const clock = new FixedClock();
    const links = new DraftDownloadLinks({ key: 'k'.repeat(32), ttlMinutes: 60, clock });
    const other = new DraftDownloadLinks({ key: 'o'.repeat(32), ttlMinutes: 60, clock });
    const { token } = links.issue(ticketId, draftId);
    const [payload, signature] = token.split('.') as [string, string];
    const flipped = Buffer.from(payload, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    for (const bad of [
      other.issue(ticketId, draftId).token,
      `${flipped.toString('base64url')}.${signature}`,
      `${payload}.${signature.slice(1)}A`,
      `${payload}`,
      `${payload}.${signature}.extra`,
      'x'.repeat(500),
      42,
      undefined,
    ]) {
      expect(links.check(bad)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  test('without a configured key, each instance signs with its own random one', () => {
    const clock = new FixedClock();
    const a = new DraftDownloadLinks({ ttlMinutes: 60, clock });
    const b = new DraftDownloadLinks({ ttlMinutes: 60, clock });
    const { token } = a.issue(ticketId, draftId);
    expect(a.check(token).ok).toBe(true);
    expect(b.check(token)).toEqual({ ok: false, reason: 'invalid' });
  });
});
