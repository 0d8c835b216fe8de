import type { SupportTicketView } from '../../backend/support-port';
import { formatDateTime } from '../../cards/format-date-time';
import { CardTooLargeError, renderCard, type AdaptiveCard } from '../../cards/render-card';
import {
  availableCommands,
  closeReasons,
  outcomeKinds,
  priorities,
  severities,
  textLimits,
  type Outcome,
} from '../../domain/ticket';
import type { Locale } from '../../i18n/locale';
import { translator, type Translator } from '../../i18n/translate';

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
}

/** Longest value of one report field when the whole card would pass Teams' size limit. */
const shortenedLength = 600;

/**
 * The triage card of one ticket for the support channel: the report, the facts support decides on, and
 * a form for each command support may run in the ticket's state. Every value a publisher or analyst
 * typed goes in a TextRun (no markdown, links or mentions).
 */
export function renderTriageCard(view: SupportTicketView, options: TriageCardOptions): AdaptiveCard {
  try {
    return renderCard('support-triage', options.locale, triageCardData(view, options, undefined));
  } catch (error) {
    if (!(error instanceof CardTooLargeError)) throw error;
    return renderCard('support-triage', options.locale, triageCardData(view, options, shortenedLength));
  }
}

export function triageCardData(
  view: SupportTicketView,
  options: TriageCardOptions,
  maxValueLength: number | undefined,
): Record<string, unknown> {
  const { ticket } = view;
  const t = translator(options.locale);
  const at = (iso: string) => formatDateTime(iso, options.locale, options.timeZone);
  let shortened = false;
  const cut = (text: string) => {
    if (maxValueLength === undefined || [...text].length <= maxValueLength) return text;
    shortened = true;
    return `${[...text].slice(0, maxValueLength).join('')}…`;
  };
  const fact = (label: string, value: string | undefined) =>
    value === undefined || value === '' ? [] : [{ label: t(`supportChannel.card.${label}`), value }];
  const vulnerability = ticket.report.vulnerability;
  const cvss = vulnerability?.cvss;

  const facts = [
    ...fact('category', t(`supportChannel.category.${ticket.category}`)),
    ...fact('title', ticket.report.title),
    ...fact('offers', ticket.report.offers.map((o) => `${o.name} (${o.offerId})`).join('\n')),
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
    ...fact('cvss', cvss ? `${cvss.vector} (${cvss.baseScore.toFixed(1)})` : undefined),
    ...fact('cveIds', vulnerability?.cveIds.join(', ')),
    ...(ticket.acknowledgedAt
      ? fact('acknowledgedAt', at(ticket.acknowledgedAt))
      : fact(
          'ackDue',
          view.overdue
            ? t('supportChannel.card.ackDueOverdue', { due: at(ticket.ackDueAt) })
            : at(ticket.ackDueAt),
        )),
    ...fact('outcome', ticket.outcome ? describeOutcome(ticket.outcome, t) : undefined),
    ...fact('openQuestions', ticket.openQuestions.map((q) => q.question).join('\n\n') || undefined),
  ];

  const report = ticket.report;
  const reportFacts = [
    ...fact('description', cut(report.description)),
    ...fact('discoveredOn', report.discoveredOn),
    ...fact('knownExploited', t(`supportChannel.yesNoUnknown.${report.knownExploited}`)),
    ...fact('affected', report.affected ? cut(report.affected) : undefined),
    ...fact('dataOrSystems', report.incident ? cut(report.incident.dataOrSystems) : undefined),
    ...fact('startedOn', report.incident?.startedOn),
    ...fact(
      'ongoing',
      report.incident ? t(`supportChannel.yesNoUnknown.${report.incident.ongoing}`) : undefined,
    ),
    ...fact('fix', t(`supportChannel.fixKind.${report.fix.kind}`)),
    ...fact('remediation', report.fix.kind !== 'none' ? cut(report.fix.remediationSteps) : undefined),
    ...fact('expectedOn', report.fix.kind === 'none' ? report.fix.expectedOn : undefined),
    ...fact('customerMessage', report.customerMessage ? cut(report.customerMessage) : undefined),
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

function describeOutcome(outcome: Outcome, t: Translator): string {
  const lines = [t(`supportChannel.outcomeKind.${outcome.kind}`), outcome.summary];
  if (outcome.kind === 'change_requested') lines.push(outcome.whatMustChange, outcome.dueBy);
  if (outcome.kind === 'offer_removed') {
    lines.push(t(`supportChannel.removal.${outcome.removal}`), outcome.reason);
    if (outcome.restoreSteps) lines.push(outcome.restoreSteps);
  }
  return lines.join('\n');
}
