/** Where the next page starts: the last ticket of this page, by submission time and number. */
export interface TicketListPosition {
  readonly submittedAt: string;
  readonly confirmationNumber: string;
}

const maxCursorLength = 200;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const confirmationNumber = /^[A-Z0-9-]{1,40}$/;

/** An opaque cursor for `?cursor=`: base64url of the position, versioned so it can change later. */
export function encodeTicketListCursor(position: TicketListPosition): string {
  return Buffer.from(JSON.stringify(['t1', position.submittedAt, position.confirmationNumber])).toString(
    'base64url',
  );
}

/**
 * The position a cursor names, or undefined for anything that is not a cursor this service made
 * (tampered, truncated, of another version, or hostile: too long, not base64url, not the JSON shape).
 */
export function decodeTicketListCursor(cursor: string): TicketListPosition | undefined {
  if (cursor.length === 0 || cursor.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(cursor))
    return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3 || value[0] !== 't1') return undefined;
  const [, submittedAt, number] = value as unknown[];
  if (
    typeof submittedAt !== 'string' ||
    !isoInstant.test(submittedAt) ||
    Number.isNaN(Date.parse(submittedAt))
  ) {
    return undefined;
  }
  if (typeof number !== 'string' || !confirmationNumber.test(number)) return undefined;
  return { submittedAt, confirmationNumber: number };
}
