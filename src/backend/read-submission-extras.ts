import type { TicketError } from '../domain/ticket';
import type { Submission } from './ticket-backend';
import { isTimeZone as isKnownZone } from '../domain/calendar/is-time-zone';

export interface SubmissionExtras {
  readonly submissionKey: string;
  readonly locale: string;
  readonly conversationId?: string;
  readonly timeZone?: string;
}

const maxKeyLength = 200;
const localePattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The parts of a submission the domain does not check: the idempotency key and where the report came
 * from. A missing or malformed time zone is dropped rather than refused: it only formats times, and a
 * security report must not fail over it.
 */
export function readSubmissionExtras(
  submission: Submission,
): { ok: true; extras: SubmissionExtras } | { ok: false; error: TicketError } {
  const key = typeof submission.submissionKey === 'string' ? submission.submissionKey.trim() : '';
  if (key.length === 0 || key.length > maxKeyLength || hasControlCharacter(key)) {
    return { ok: false, error: { key: 'ticket.field.invalid', field: 'submissionKey' } };
  }
  const locale =
    typeof submission.locale === 'string' &&
    localePattern.test(submission.locale) &&
    submission.locale.length <= 35
      ? submission.locale
      : 'en';
  const conversationId =
    typeof submission.conversationId === 'string' &&
    submission.conversationId.length > 0 &&
    submission.conversationId.length <= 1000
      ? submission.conversationId
      : undefined;
  const timeZone = isTimeZone(submission.timeZone) ? submission.timeZone : undefined;
  return {
    ok: true,
    extras: {
      submissionKey: key,
      locale,
      ...(conversationId ? { conversationId } : {}),
      ...(timeZone ? { timeZone } : {}),
    },
  };
}

function isTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && zone.length <= 64 && isKnownZone(zone);
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => (char.codePointAt(0) ?? 0) < 0x20);
}
