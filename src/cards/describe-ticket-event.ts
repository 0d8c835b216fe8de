import { formatCvssScore } from '../domain/cvss';
import type { Actor, Outcome, TicketEvent } from '../domain/ticket';
import { INTL_TAG, type Locale } from '../i18n/locale';
import type { Translator } from '../i18n/translate';
import { formatDate, formatShortDateTime } from './format-date-time';
import { formatFileSize } from './format-file-size';

export interface EventView {
  /** When and who, e.g. "Nov 24, 2026, 11:00 AM · Support". */
  readonly header: string;
  /** What happened, in words. */
  readonly what: string;
  /** Text a person wrote (a question, an answer, a summary), shortened; shown as plain text. */
  readonly detail?: string;
  /** A checked CVSS vector the event brought, under its label: a line of its own so it wraps (card-lines.ts). */
  readonly vector?: { readonly label: string; readonly text: string };
}

/** Long texts are on the ticket; the timeline quotes enough to recognise them and stays under the card limit. */
const MAX_DETAIL = 400;

function shorten(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  return trimmed.length > MAX_DETAIL ? `${trimmed.slice(0, MAX_DETAIL).trimEnd()}…` : trimmed;
}

/**
 * Who did it, as the publisher reads it. Support analysts stay anonymous ("Support"): their names and key
 * names are internal. The viewer's own actions read "You"; a colleague's show their name.
 */
export function actorName(t: Translator, actor: Actor, viewerId?: string): string {
  if (actor.kind === 'system') return t('tickets.actor.system');
  if (actor.kind === 'support') return t('tickets.actor.support');
  if (viewerId !== undefined && actor.id === viewerId) return t('tickets.actor.you');
  return actor.name ?? t('tickets.actor.organisation');
}

export function severityName(t: Translator, severity: string): string {
  return t(`cvss.rating.${severity}`);
}

function outcomeView(t: Translator, locale: Locale, outcome: Outcome): { what: string; detail?: string } {
  const what = t('tickets.event.outcome_set', { outcome: t(`tickets.outcome.${outcome.kind}`) });
  const parts: string[] = [outcome.summary];
  if (outcome.kind === 'change_requested') {
    parts.push(
      outcome.whatMustChange,
      t('tickets.event.changeDue', { date: formatDate(outcome.dueBy, locale) }),
    );
  } else if (outcome.kind === 'offer_removed') {
    parts.push(
      t(
        outcome.removal === 'temporary' ? 'tickets.event.removalTemporary' : 'tickets.event.removalPermanent',
      ),
      outcome.reason,
      ...(outcome.restoreSteps ? [outcome.restoreSteps] : []),
    );
  }
  return { what, detail: parts.map((part) => shorten(part)).join('\n\n') };
}

/** One history event in the publisher's words, language and time zone; `viewerId` is who is reading. */
export function describeTicketEvent(
  t: Translator,
  locale: Locale,
  zone: string,
  event: TicketEvent,
  viewerId?: string,
): EventView {
  const when = (iso: string) => formatShortDateTime(iso, locale, zone);
  const header = t('tickets.status.who', { when: when(event.at), who: actorName(t, event.actor, viewerId) });
  const view = (what: string, detail?: string): EventView => {
    const shortened = shorten(detail);
    return shortened ? { header, what, detail: shortened } : { header, what };
  };
  switch (event.type) {
    case 'submitted':
      return view(
        t('tickets.event.submitted', {
          category: t(`report.category.${event.data.category}`),
          dueAt: when(event.data.ackDueAt),
        }),
      );
    case 'acknowledged':
      return view(
        t(event.data.late ? 'tickets.event.acknowledgedLate' : 'tickets.event.acknowledged', {
          priority: event.data.priority,
          severity: severityName(t, event.data.severity),
        }),
      );
    case 'priority_changed':
      return view(
        t('tickets.event.priority_changed', { from: event.data.from, to: event.data.to }),
        event.data.reason,
      );
    case 'severity_changed':
      return view(
        t('tickets.event.severity_changed', {
          from: severityName(t, event.data.from),
          to: severityName(t, event.data.to),
        }),
        event.data.reason,
      );
    case 'question_asked':
      return view(t('tickets.event.question_asked'), event.data.question);
    case 'question_answered':
      return view(t('tickets.event.question_answered'), event.data.answer);
    case 'message_posted':
      return view(t('tickets.event.message_posted'), event.data.message);
    case 'assessment_started':
      return view(
        t(event.data.reopened ? 'tickets.event.assessmentReopened' : 'tickets.event.assessment_started'),
      );
    case 'outcome_set': {
      const outcome = outcomeView(t, locale, event.data.outcome);
      return outcome.detail
        ? { header, what: outcome.what, detail: outcome.detail }
        : { header, what: outcome.what };
    }
    case 'closed': {
      const what =
        event.actor.kind === 'publisher' && event.data.reason === 'withdrawn'
          ? t('tickets.event.withdrawn')
          : t('tickets.event.closed', { reason: t(`tickets.closeReason.${event.data.reason}`) });
      const duplicate = event.data.duplicateOf
        ? t('tickets.event.duplicateOf', { number: event.data.duplicateOf })
        : undefined;
      const detail = [duplicate, shorten(event.data.note)].filter((part) => part !== undefined).join('\n\n');
      return detail ? { header, what, detail } : { header, what };
    }
    case 'ack_overdue':
      return view(t('tickets.event.ack_overdue', { dueAt: when(event.data.dueAt) }));
    case 'breach_notification_done':
    case 'breach_reminder_due':
      return view(t(`tickets.event.${event.type}`, { dueAt: when(event.data.dueAt) }));
    case 'information_added': {
      const { detail, cvss, fix, offers } = event.data;
      const parts = [
        shorten(detail),
        fix && t('tickets.event.addedFix', { fix: t(`report.fix.${fix.kind}`) }),
        fix && fix.kind !== 'none' ? shorten(fix.remediationSteps) : undefined,
        offers &&
          t('tickets.event.addedOffers', {
            offers: offers.map((o) => `${o.name} (${o.offerId})`).join(', '),
          }),
      ].filter((part): part is string => part !== undefined);
      const vector = cvss && {
        label: t('tickets.event.addedCvss', { score: formatCvssScore(cvss.baseScore, INTL_TAG[locale]) }),
        text: cvss.vector,
      };
      return {
        header,
        what: t('tickets.event.information_added'),
        ...(parts.length > 0 ? { detail: parts.join('\n\n') } : {}),
        ...(vector ? { vector } : {}),
      };
    }
    case 'customer_draft_shared':
    case 'customer_draft_proposed':
      return view(
        t(
          `drafts.event.${event.type === 'customer_draft_shared' ? 'shared' : 'proposed'}`,
          draftWords(t, event.data),
        ),
      );
    case 'customer_draft_answered':
      return view(t(`drafts.event.answered.${event.data.answer}`, draftWords(t, event.data)));
    case 'customer_drafts_outdated':
      return view(
        t('drafts.event.outdated', {
          drafts: event.data.drafts.map((draft) => t('drafts.named', draftWords(t, draft))).join('; '),
          changed: changedWords(t, locale, event.data.changed),
        }),
      );
    case 'evidence_added':
    case 'evidence_downloaded':
      return view(
        t(`evidence.event.${event.type === 'evidence_added' ? 'added' : 'downloaded'}`, {
          name: event.data.name,
          size: formatFileSize(event.data.size, locale),
        }),
      );
  }
}

/** A draft named for a reader: "email in English, version 2". */
export function draftWords(
  t: Translator,
  draft: { readonly format: string; readonly language: string; readonly version: number },
): { kind: string; language: string; version: number } {
  return {
    kind: t(`drafts.kind.${draft.format}`),
    language: t(`drafts.languageName.${draft.language}`),
    version: draft.version,
  };
}

const lists = new Map<Locale, Intl.ListFormat>();

/** What changed, in words and in the reader's language: "the severity and the fix". */
export function changedWords(t: Translator, locale: Locale, changed: readonly string[]): string {
  let list = lists.get(locale);
  if (!list) lists.set(locale, (list = new Intl.ListFormat(INTL_TAG[locale], { type: 'conjunction' })));
  return list.format(changed.map((change) => t(`drafts.changed.${change}`)));
}
