import type { Ticket } from '../ticket/ticket';

export const draftFormats = ['email', 'short', 'csaf', 'gdpr'] as const;
export type DraftFormat = (typeof draftFormats)[number];

export const draftTones = ['formal', 'plain'] as const;
export type DraftTone = (typeof draftTones)[number];

export const draftLanguages = ['en', 'ru'] as const;
export type DraftLanguage = (typeof draftLanguages)[number];

/** An earlier revision of the same draft, for the CSAF revision history. */
export interface DraftRevision {
  /** ISO 8601 date-time. */
  readonly at: string;
  readonly summary: string;
}

export interface DraftRequest {
  readonly format: DraftFormat;
  /** The language of the communication, independent of the Teams client's language. */
  readonly language: DraftLanguage;
  /** Ignored for csaf. */
  readonly tone: DraftTone;
  readonly ticket: Ticket;
  readonly now: Date;
  /** The CSAF publisher (and the email's signature); placeholders where absent. */
  readonly publisher?: { readonly name?: string; readonly url?: string };
  /** The draft's version (1, 2, …), the CSAF document's tracking version; history.length + 1 by default. */
  readonly revision?: number;
  /** Earlier revisions, oldest first: history[0] is revision 1. */
  readonly history?: readonly DraftRevision[];
}

export interface DraftedCommunication {
  readonly format: DraftFormat;
  readonly language: DraftLanguage;
  readonly tone: DraftTone;
  /** Email only. */
  readonly subject?: string;
  /** Text for email, short and gdpr; the CSAF document as pretty JSON for csaf. */
  readonly body: string;
  /** Every missing fact, as the placeholder text visible in the subject or body, once each, in order of appearance. */
  readonly placeholders: readonly string[];
}
