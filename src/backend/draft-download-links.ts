import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../domain/clock';

/** What a download link grants: one draft of one ticket, until `expiresAt`. */
export interface DraftDownloadGrant {
  readonly ticketId: string;
  readonly draftId: string;
  readonly expiresAt: Date;
}

export type DraftLinkCheck =
  | { readonly ok: true; readonly grant: DraftDownloadGrant }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

const maxTokenLength = 100;

/**
 * Expiring signed download links for customer drafts (a CSAF document for the publisher's security
 * team): `<payload>.<signature>`, both base64url; the payload is the ticket's and the draft's ids and the
 * expiry (37 bytes), so the link stays short enough for any router and mail client. The link carries no secret of the ticket and grants one
 * draft until it expires; anything altered, truncated or signed with another key is invalid, and checked
 * in constant time. Without a configured key a random one is made at start: links then last until the
 * process restarts, and only the instance that made them honours them (say DOWNLOAD_LINK_KEY to share one).
 */
export class DraftDownloadLinks {
  private readonly key: Buffer;

  constructor(
    private readonly options: {
      readonly key?: string;
      readonly ttlMinutes: number;
      readonly clock: Clock;
    },
  ) {
    this.key = options.key ? Buffer.from(options.key, 'utf8') : randomBytes(32);
  }

  /** A token for the draft, valid for the configured time from now. */
  issue(ticketId: string, draftId: string): { token: string; expiresAt: Date } {
    const expiresAt = new Date(this.options.clock.now().getTime() + this.options.ttlMinutes * 60_000);
    const expiry = Buffer.alloc(5);
    expiry.writeUIntBE(Math.floor(expiresAt.getTime() / 1000), 0, 5);
    const payload = Buffer.concat([uuidBytes(ticketId), uuidBytes(draftId), expiry]).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresAt };
  }

  check(token: unknown): DraftLinkCheck {
    if (typeof token !== 'string' || token.length > maxTokenLength) return { ok: false, reason: 'invalid' };
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'invalid' };
    }
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length !== 37) return { ok: false, reason: 'invalid' };
    const expiresAt = new Date(bytes.readUIntBE(32, 5) * 1000);
    if (this.options.clock.now().getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      grant: {
        ticketId: uuidText(bytes.subarray(0, 16)),
        draftId: uuidText(bytes.subarray(16, 32)),
        expiresAt,
      },
    };
  }

  /** HMAC-SHA256 cut to 128 bits (RFC 2104 §5 allows truncation to half the output and more). */
  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, 16).toString('base64url');
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidBytes(id: string): Buffer {
  if (!uuid.test(id)) throw new RangeError('download links are made for UUIDs only');
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
