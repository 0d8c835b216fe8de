import type { SupportTicketView } from '../../backend/support-port';
import { joinLines, textLine, vectorLine, type CardLine } from '../../cards/card-lines';
import { evidenceFileLines } from '../../cards/evidence-file-lines';
import { formatDate, formatDateTime } from '../../cards/format-date-time';
import { CardTooLargeError, renderCard, type AdaptiveCard } from '../../cards/render-card';
import {
  availableCommands,
  closeReasons,
  currentReport,
  outcomeKinds,
  priorities,
  severities,
  textLimits,
  type Outcome,
  type ReportAddition,
} from '../../domain/ticket';
import { formatCvssScore } from '../../domain/cvss';
import type { HistoryEntry } from '../../tickets';
import { INTL_TAG, type Locale } from '../../i18n/locale';
import { translator, type Translator } from '../../i18n/translate';
import { describeAddition } from './describe-addition';

/** The inputs of the triage card's forms (cards/support-triage.json); ids are unique across the card. */
export const triageFormKeys = [
  'ackPriority',
  'ackSeverity',
  'newPriority',
  'priorityReason',
  'newSeverity',
  'severityReason',
  'question',
  'message',
  'outcomeKind',
  'summary',
  'whatMustChange',
  'dueBy',
  'removal',
  'removalReason',
  'restoreSteps',
  'closeReason',
  'note',
  'duplicateOf',
] as const;
export type TriageFormKey = (typeof triageFormKeys)[number];

export interface TriageCardOptions {
  readonly locale: Locale;
  /** Support's IANA time zone (SUPPORT_TIME_ZONE): due times are read by support. */
  readonly timeZone: string;
  /** A line at the top: what the last action did, or why it did nothing. */
  readonly notice?: { readonly text: string; readonly style: 'good' | 'attention' | 'warning' };
  /** What the analyst typed, put back so a refused form need not be retyped. */
  readonly form?: Partial<Record<TriageFormKey, string>>;
  /** A message next to each field at fault. */
  readonly errors?: Partial<Record<TriageFormKey, string>>;
  /** The ticket's history, for the latest correspondence on the card (the sink has it; a press need not). */
  readonly history?: readonly HistoryEntry[];
  /**
   * The Teams ids of the people who work the cards (see TriageViewers): Teams refreshes the card for
   * them when they see it, whatever the channel's size (up to 60 members, for everyone anyway).
   */
  readonly viewers?: readonly string[];
}

/** The last messages and answers shown on the card; the whole history is in the support API. */
const shownCorrespondence = 3;

/**
 * Longest value of one field when the whole card would pass Teams' size limit, tried in turn: ten
 * offers, a report at every limit in Cyrillic and a full refresh list need the shortest.
 */
const shortenedLengths = [600, 200, 60] as const;

/**
 * The triage card of one ticket for the support channel: the report, the facts support decides on, and
 * a form for each command support may run in the ticket's state. Every value a publisher or analyst
 * typed goes in a TextRun (no markdown, links or mentions).
 */
export function renderTriageCard(view: SupportTicketView, options: TriageCardOptions): AdaptiveCard {
  let card: AdaptiveCard | undefined;
  for (const maxValueLength of [undefined, ...shortenedLengths]) {
    try {
      card = renderCard('support-triage', options.locale, triageCardData(view, options, maxValueLength));
      break;
    } catch (error) {
      if (!(error instanceof CardTooLargeError) || maxValueLength === shortenedLengths.at(-1)) throw error;
    }
  }
  if (!card) throw new Error('unreachable: the last length renders or throws');
  // No one known yet (a channel bound before viewers were kept): Teams refreshes for every member of a
  // channel of up to 60 when no userIds are given.
  const refresh = card.refresh as { userIds?: unknown } | undefined;
  if (refresh && Array.isArray(refresh.userIds) && refresh.userIds.length === 0) delete refresh.userIds;
  return card;
}

export function triageCardData(
  view: SupportTicketView,
  options: TriageCardOptions,
  maxValueLength: number | undefined,
): Record<string, unknown> {
  const { ticket } = view;
  const t = translator(options.locale);
  const at = (iso: string) => formatDateTime(iso, options.locale, options.timeZone);
  const day = (date: string | undefined) => (date ? formatDate(date, options.locale) : undefined);
  let shortened = false;
  const cut = (text: string) => {
    if (maxValueLength === undefined || [...text].length <= maxValueLength) return text;
    shortened = true;
    return `${[...text].slice(0, maxValueLength).join('')}…`;
  };
  // Each fact is its label and its lines (cards/support-triage.json shows a vector line so it wraps).
  const factLines = (label: string, lines: readonly CardLine[] | undefined) =>
    !lines || lines.length === 0 ? [] : [{ label: t(`supportChannel.card.${label}`), lines }];
  const fact = (label: string, value: string | undefined) =>
    value === undefined || value === '' ? [] : factLines(label, [textLine(value)]);
  // What the ticket says now: the publisher's additions folded in (each is also listed below, dated).
  const current = currentReport(ticket);
  const vulnerability = current.vulnerability;
  const cvss = vulnerability?.cvss;
  const revisedCvss = ticket.additions.some((addition) => addition.cvss !== undefined);

  const facts = [
    ...fact('category', t(`supportChannel.category.${ticket.category}`)),
    ...fact('title', ticket.report.title),
    ...fact('offers', current.offers.map((o) => `${cut(o.name)} (${o.offerId})`).join('\n')),
    ...fact('reporter', ticket.reporter.name ?? ticket.reporter.id),
    ...fact('submittedAt', at(ticket.submittedAt)),
    ...fact('state', t(`supportChannel.state.${ticket.state}`)),
    ...fact('priority', ticket.priority ?? t('supportChannel.card.notAssigned')),
    ...fact(
      'severity',
      ticket.severity
        ? t(`supportChannel.severity.${ticket.severity}`)
        : t('supportChannel.card.notAssigned'),
    ),
    ...fact(
      'suggestedSeverity',
      view.suggestedSeverity ? t(`supportChannel.severity.${view.suggestedSeverity}`) : undefined,
    ),
    ...factLines(
      'cvss',
      cvss && [
        vectorLine(
          `${cvss.vector} (${formatCvssScore(cvss.baseScore, INTL_TAG[options.locale])})` +
            (revisedCvss ? ` ${t('supportChannel.card.revised')}` : ''),
        ),
      ],
    ),
    ...fact('cveIds', vulnerability?.cveIds.join(', ')),
    ...(ticket.acknowledgedAt
      ? fact('acknowledgedAt', at(ticket.acknowledgedAt))
      : fact(
          'ackDue',
          view.overdue
            ? t('supportChannel.card.ackDueOverdue', { due: at(ticket.ackDueAt) })
            : at(ticket.ackDueAt),
        )),
    // GDPR Art. 33: the publisher's 72 hours to notify the supervisory authority, and whether they did.
    ...fact(
      'breachDeadline',
      ticket.breachDueAt &&
        t(ticket.breachNotifiedAt ? 'supportChannel.card.breachNotified' : 'supportChannel.card.breachOpen', {
          due: at(ticket.breachDueAt),
          at: ticket.breachNotifiedAt ? at(ticket.breachNotifiedAt) : '',
        }),
    ),
    ...fact('outcome', ticket.outcome ? cut(describeOutcome(ticket.outcome, t, options.locale)) : undefined),
    ...fact('openQuestions', ticket.openQuestions.map((q) => cut(q.question)).join('\n\n') || undefined),
    ...fact('correspondence', latestCorrespondence(options.history, t, at, cut)),
    // Files of evidence (downloaded through the support API, never shown here).
    ...evidenceFileLines(options.history, t, options.locale).flatMap((line, i, all) =>
      i === 0 ? [{ label: t('evidence.triage.files'), lines: all.map((l) => textLine(cut(l))) }] : [],
    ),
  ];

  const report = current;
  const reportFacts = [
    ...fact('description', cut(report.description)),
    ...fact('discoveredOn', day(report.discoveredOn)),
    ...fact('knownExploited', t(`supportChannel.yesNoUnknown.${report.knownExploited}`)),
    ...fact('affected', report.affected ? cut(report.affected) : undefined),
    ...fact('dataOrSystems', report.incident ? cut(report.incident.dataOrSystems) : undefined),
    ...fact('startedOn', day(report.incident?.startedOn)),
    ...fact(
      'ongoing',
      report.incident ? t(`supportChannel.yesNoUnknown.${report.incident.ongoing}`) : undefined,
    ),
    ...fact(
      'personalData',
      report.incident?.personalData
        ? t(`supportChannel.yesNoUnknown.${report.incident.personalData}`)
        : undefined,
    ),
    ...fact('fix', t(`supportChannel.fixKind.${report.fix.kind}`)),
    ...fact('remediation', report.fix.kind !== 'none' ? cut(report.fix.remediationSteps) : undefined),
    ...fact('expectedOn', report.fix.kind === 'none' ? day(report.fix.expectedOn) : undefined),
    ...fact('customerMessage', report.customerMessage ? cut(report.customerMessage) : undefined),
    ...factLines('additions', describeAdditions(ticket.additions, options.locale, at, cut)),
  ];

  const can = new Set(availableCommands(ticket, 'support'));
  const changePriority = can.has('change_priority') && ticket.priority !== undefined;
  const changeSeverity = can.has('change_severity') && ticket.severity !== undefined;
  const form: Record<TriageFormKey, string> = Object.fromEntries(
    triageFormKeys.map((key) => [key, options.form?.[key] ?? '']),
  ) as Record<TriageFormKey, string>;
  // Support decides, but the CVSS suggestion is the usual answer: offered first.
  if (!form.ackSeverity && view.suggestedSeverity) form.ackSeverity = view.suggestedSeverity;
  if (!form.closeReason) form.closeReason = ticket.state === 'outcome' ? 'resolved' : '';
  // A change starts from what the ticket has now; picking the same value is refused next to the field.
  if (!form.newPriority) form.newPriority = ticket.priority ?? '';
  if (!form.newSeverity) form.newSeverity = ticket.severity ?? '';

  return {
    heading: t('supportChannel.card.heading', {
      category: t(`supportChannel.category.${ticket.category}`),
      number: ticket.confirmationNumber,
    }),
    ticket: ticket.confirmationNumber,
    version: view.version,
    refreshUserIds: [...(options.viewers ?? [])],
    versionText: t('supportChannel.card.version', { version: view.version }),
    ...(options.notice
      ? { notice: options.notice.text, noticeStyle: options.notice.style }
      : { noticeStyle: 'default' }),
    facts,
    reportFacts,
    shortened,
    can: {
      acknowledge: can.has('acknowledge'),
      changePriority,
      changeSeverity,
      // One button opens both forms: with a button each, an open ticket would pass five on a card.
      change: changePriority || changeSeverity,
      // Only from an outcome: on an acknowledged ticket a question or an outcome starts the assessment
      // anyway (and an explicit start would be one button too many).
      reopen: can.has('start_assessment') && ticket.state === 'outcome',
      ask: can.has('ask_question'),
      post: can.has('post_message'),
      outcome: can.has('set_outcome'),
      close: can.has('close'),
    },
    choices: {
      // The same meaning the publisher is told when the priority reaches them.
      priorities: priorities.map((p) => ({ title: t(`notify.priority.${p}`), value: p })),
      severities: severities.map((s) => ({ title: t(`supportChannel.severity.${s}`), value: s })),
      outcomeKinds: outcomeKinds.map((k) => ({ title: t(`supportChannel.outcomeKind.${k}`), value: k })),
      removals: (['temporary', 'permanent'] as const).map((r) => ({
        title: t(`supportChannel.removal.${r}`),
        value: r,
      })),
      closeReasons: closeReasons.map((r) => ({ title: t(`supportChannel.closeReason.${r}`), value: r })),
    },
    limits: {
      question: textLimits.question,
      message: textLimits.message,
      summary: textLimits.summary,
      whatMustChange: textLimits.whatMustChange,
      removalReason: textLimits.removalReason,
      restoreSteps: textLimits.restoreSteps,
      note: textLimits.note,
      changeReason: textLimits.changeReason,
      duplicateOf: 40,
    },
    form,
    errors: Object.fromEntries(Object.entries(options.errors ?? {}).filter(([, text]) => !!text)),
  };
}

function describeOutcome(outcome: Outcome, t: Translator, locale: Locale): string {
  const lines = [t(`supportChannel.outcomeKind.${outcome.kind}`), outcome.summary];
  if (outcome.kind === 'change_requested')
    lines.push(outcome.whatMustChange, formatDate(outcome.dueBy, locale));
  if (outcome.kind === 'offer_removed') {
    lines.push(t(`supportChannel.removal.${outcome.removal}`), outcome.reason);
    if (outcome.restoreSteps) lines.push(outcome.restoreSteps);
  }
  return lines.join('\n');
}

/** What the publisher added after submission, dated, newest last, a blank line between two. */
function describeAdditions(
  additions: readonly ReportAddition[],
  locale: Locale,
  at: (iso: string) => string,
  cut: (text: string) => string,
): CardLine[] {
  return joinLines(
    additions.flatMap((addition, i) => [
      textLine(`${i > 0 ? '\n' : ''}${at(addition.at)}`),
      ...describeAddition(addition, locale, cut),
    ]),
  );
}

/** The latest messages and answers between the publisher and support, newest last. */
function latestCorrespondence(
  history: readonly HistoryEntry[] | undefined,
  t: Translator,
  at: (iso: string) => string,
  cut: (text: string) => string,
): string | undefined {
  const lines = (history ?? [])
    .flatMap(({ event }) => {
      const who = t(
        event.actor.kind === 'publisher'
          ? 'supportChannel.card.fromPublisher'
          : 'supportChannel.card.fromSupport',
      );
      if (event.type === 'message_posted') return [`${at(event.at)} · ${who}: ${cut(event.data.message)}`];
      if (event.type === 'question_answered') return [`${at(event.at)} · ${who}: ${cut(event.data.answer)}`];
      if (event.type === 'question_asked') return [`${at(event.at)} · ${who}: ${cut(event.data.question)}`];
      return [];
    })
    .slice(-shownCorrespondence);
  return lines.length > 0 ? lines.join('\n\n') : undefined;
}
