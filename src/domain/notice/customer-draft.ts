import type { Actor, Ticket } from '../ticket/ticket';
import { readText } from '../ticket/read-fields';
import type { TicketError } from '../ticket/ticket-errors';
import { canonicalBasis, changesBetween, draftBasis, type BasisChange, type DraftBasis } from './draft-basis';
import type { DraftFormat, DraftLanguage, DraftTone } from './draft-request';
import { stripInvisible } from './strip-invisible';

/** Who wrote a draft's text: the drafting engine, the publisher (an edit), or support (a proposal). */
export type DraftOrigin = 'drafted' | 'publisher' | 'support';

/**
 * - private: the publisher's own, not shared;
 * - shared: the text the publisher shared with support (made by them, or support's proposal they accepted);
 * - proposed: support's proposed edit, waiting for the publisher;
 * - edited / declined: a proposal the publisher answered with their own changes, or declined.
 */
export type DraftStatus = 'private' | 'shared' | 'proposed' | 'edited' | 'declined';

/** One version of a customer communication, kept on the ticket (src/tickets/customer-drafts.ts). */
export interface CustomerDraft {
  readonly id: string;
  readonly format: DraftFormat;
  readonly language: DraftLanguage;
  readonly tone: DraftTone;
  /** 1, 2, … per format and language on the ticket (the CSAF document's tracking version). */
  readonly version: number;
  readonly origin: DraftOrigin;
  readonly status: DraftStatus;
  /** The draft this one edits (a publisher's edit, support's proposal). */
  readonly basedOn?: string;
  /** Support's note with a proposal. */
  readonly note?: string;
  readonly subject?: string;
  readonly body: string;
  /** The placeholders still in the text when it was made. */
  readonly placeholders: readonly string[];
  /** The ticket's version it was made from. */
  readonly madeFromVersion: number;
  /** The facts it was made from, to tell what changed since. */
  readonly basis: DraftBasis;
  readonly createdAt: string;
  readonly createdBy: Actor;
}

/** Longest draft text accepted from a person, in code points: it must fit one Teams card with the rest. */
export const draftTextLimits = { subject: 200, body: 8000, note: 1000 } as const;

/** CSAF documents are made from the facts only: an edited document could not be vouched for. */
export function isEditableFormat(format: DraftFormat): boolean {
  return format !== 'csaf';
}

export interface DraftStaleness {
  readonly stale: boolean;
  /** What changed since the draft was made, in a fixed order (empty when current). */
  readonly changed: readonly BasisChange[];
}

/** Whether the ticket's facts moved on since the draft was made, and which. */
export function draftStaleness(
  draft: Pick<CustomerDraft, 'basis' | 'format'>,
  ticket: Ticket,
): DraftStaleness {
  const now = draftBasis(ticket, draft.format);
  if (canonicalBasis(now) === canonicalBasis(draft.basis)) return { stale: false, changed: [] };
  const changed = changesBetween(draft.basis, now);
  // Equal groups with different fingerprints cannot happen; say "status" rather than nothing.
  return { stale: true, changed: changed.length > 0 ? changed : ['status'] };
}

export type DraftTextResult =
  | { readonly ok: true; readonly subject?: string; readonly body: string; readonly note?: string }
  | { readonly ok: false; readonly errors: readonly TicketError[] };

/**
 * A draft's text as a person typed it (a card's boxes, support's proposal): invisible characters gone,
 * line ends normalised, lengths checked, never cut. The subject is asked for only where the format has
 * one (email).
 */
export function readDraftText(
  format: DraftFormat,
  input: { readonly subject?: unknown; readonly body?: unknown; readonly note?: unknown },
): DraftTextResult {
  const errors: TicketError[] = [];
  if (!isEditableFormat(format))
    return { ok: false, errors: [{ key: 'ticket.field.invalid', field: 'format' }] };
  const clean = (value: unknown) => (typeof value === 'string' ? stripInvisible(value, false) : value);
  const body = readText(clean(input.body), 'body', { max: draftTextLimits.body, required: true }, errors);
  const subject =
    format === 'email'
      ? readText(
          clean(input.subject),
          'subject',
          { max: draftTextLimits.subject, required: true, singleLine: true },
          errors,
        )
      : undefined;
  const note = readText(clean(input.note), 'note', { max: draftTextLimits.note, required: false }, errors);
  if (errors.length > 0 || body === undefined) return { ok: false, errors };
  return { ok: true, body, ...(subject ? { subject } : {}), ...(note ? { note } : {}) };
}
