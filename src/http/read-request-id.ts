import { randomUUID } from 'node:crypto';

/** Characters a proxy's or client's request id may use: no spaces, quotes or control characters. */
const saneRequestId = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The request's id: the caller's `x-request-id` when it is sane (at most 128 characters of letters,
 * digits and . _ : @ -), so a proxy's id follows the request through our logs; a new UUID otherwise.
 */
export function readRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && saneRequestId.test(value) ? value : randomUUID();
}
