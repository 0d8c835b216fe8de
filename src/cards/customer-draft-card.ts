import { draftStaleness, isEditableFormat, type CustomerDraft } from '../domain/notice';
import type { Ticket } from '../domain/ticket';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { changedWords, draftWords } from './describe-ticket-event';
import { formatDateTime } from './format-date-time';
import { CardTooLargeError, renderCard, type AdaptiveCard } from './render-card';

export interface DraftCardOptions {
  readonly locale: Locale;
  readonly timeZone?: string;
  /** Files can be offered only in a personal chat (Teams' file consent card). */
  readonly personalChat: boolean;
  /** A line on top of the card, e.g. what the last press did ("Shared with support."). */
  readonly notice?: string;
}

/**
 * A customer draft as the publisher sees it now: its text (editable where the format allows), who made
 * it and from which version of the report, whether it is shared, and — when the ticket's facts moved on
 * since — that it is out of date and what changed, with only "draft it again" left to press. Rendered
 * again in place whenever the ticket changes (src/notify/render-publisher-card.ts).
 */
export function customerDraftCard(
  draft: CustomerDraft,
  ticket: Ticket,
  options: DraftCardOptions,
): AdaptiveCard {
  const { locale } = options;
  const t = translator(locale);
  const words = draftWords(t, draft);
  const staleness = draftStaleness(draft, ticket);
  const number = ticket.confirmationNumber;
  const proposal = draft.origin === 'support';
  const editable =
    isEditableFormat(draft.format) && !staleness.stale && (proposal ? draft.status === 'proposed' : true);
  const waiting = proposal && draft.status === 'proposed';
  const own = !proposal && (draft.status === 'private' || draft.status === 'shared');
  const current = !staleness.stale;
  const data = {
    heading: t('drafts.card.heading', { ...words, number }),
    confirmationNumber: number,
    draftId: draft.id,
    madeFrom: t(`drafts.card.madeFrom.${draft.origin}`, {
      when: formatDateTime(draft.createdAt, locale, options.timeZone),
      version: draft.madeFromVersion,
    }),
    standing: [options.notice, t(`drafts.card.standing.${draft.status}`)].filter(Boolean).join(' '),
    ...(staleness.stale
      ? { staleText: t('drafts.card.stale', { changed: changedWords(t, locale, staleness.changed) }) }
      : {}),
    ...(draft.note ? { note: draft.note } : {}),
    editable,
    monospace: draft.format === 'csaf',
    ...(draft.subject !== undefined ? { subject: draft.subject } : {}),
    body: draft.body,
    bodyHeight: boxHeight(draft.body),
    bodyLabel: t(draft.format === 'csaf' ? 'drafts.csafLabel' : 'drafts.bodyLabel'),
    placeholders: draft.placeholders,
    can: {
      answer: waiting && current,
      decline: waiting,
      save: own && current && editable,
      share: own && current && draft.status === 'private',
      file: own && current && options.personalChat && draft.format === 'csaf',
      link: own && current,
    },
  };
  try {
    return renderCard('customer-draft', locale, data);
  } catch (error) {
    // A document too large for one Teams message is never cut: the card says where to get it whole.
    if (!(error instanceof CardTooLargeError)) throw error;
    const { body: _body, subject: _subject, ...rest } = data;
    return renderCard('customer-draft', locale, {
      ...rest,
      editable: false,
      bodyNotShown: t('drafts.card.tooLarge'),
      can: { ...data.can, save: false, answer: false },
    });
  }
}

/**
 * Adaptive Cards 1.5 has no rows setting for a text box: a box that stretches inside a container of a
 * minimum height gets that height (the official renderer, which Teams' web client builds on). Tall enough
 * for the draft's lines as a phone wraps them (about 40 characters), within reason.
 */
function boxHeight(text: string): string {
  const lines = text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / 40)), 0);
  return `${Math.min(640, Math.max(160, lines * 20 + 40))}px`;
}
