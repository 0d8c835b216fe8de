import { renderCard, type AdaptiveCard } from '../../../src/cards/render-card';
import { wrappable } from '../../../src/cards/card-lines';
import { renderTicketStatusCard } from '../../../src/cards/ticket-status-data';
import type { HistoryEntry, TicketRecord } from '../../../src/backend/ticket-backend';
import { timelineCard, timelinePageCard } from '../../../src/cards/ticket-timeline-card';
import { renderTriageCard } from '../../../src/bot/support-channel/render-triage-card';
import { renderPublisherWroteCard } from '../../../src/bot/support-channel/render-publisher-wrote-card';
import { TICKET_LIST_LIMIT, ticketListCard } from '../../../src/bot/commands/ticket-list-card';
import { renderCalculatorCard } from '../../../src/bot/cvss-calculator/render-calculator-card';
import {
  renderCvssErrorCard,
  renderCvssResultCard,
} from '../../../src/bot/cvss-calculator/render-cvss-result-card';
import type { OpenDraft, StepName } from '../../../src/bot/report/report-draft';
import { renderStepCard } from '../../../src/bot/report/render-step-card';
import type { StepContext } from '../../../src/bot/report/step-context';
import { assessCvss, type CvssAssessment } from '../../../src/domain/cvss';
import { textLimits, type Actor, type Ticket, type TicketEvent } from '../../../src/domain/ticket';
import type { Locale } from '../../../src/i18n/locale';
import { translator } from '../../../src/i18n/translate';
import { buildNotification } from '../../../src/notify/build-notification';
import { buildDraftNotification } from '../../../src/notify/build-draft-notification';
import { customerDraftCard } from '../../../src/cards/customer-draft-card';
import { draftBasis, draftTextLimits, type CustomerDraft } from '../../../src/domain/notice';
import { summaryOf, type StoredTicket } from '../../../src/tickets';

/** The longest answers the dialog accepts, in Cyrillic (two bytes a letter): the worst case for size. */
export function longestAnswers(): Record<string, string> {
  const text = (n: number) => 'щ'.repeat(n);
  const offers = Object.fromEntries(
    [...Array(10).keys()].flatMap((i) => [
      [`offerName${i}`, text(200)],
      [`offerId${i}`, `p${i}.${'o'.repeat(97)}`],
    ]),
  );
  return {
    category: 'incident',
    title: text(150),
    ...offers,
    description: text(4000),
    discoveredOn: '2026-11-20',
    knownExploited: 'yes',
    affected: text(500),
    dataOrSystems: text(1000),
    startedOn: '2026-11-19',
    ongoing: 'unknown',
    personalData: 'unknown',
    fixKind: 'partial',
    remediationSteps: text(2000),
    messageChoice: 'have',
    customerMessage: text(2000),
  };
}

export function stepContext(locale: Locale): StepContext {
  return { locale, t: translator(locale), now: new Date('2026-11-24T10:00:00Z'), timeZone: 'Europe/Berlin' };
}

export function draftAt(step: StepName, values: Record<string, string>, editing = false): OpenDraft {
  return {
    status: 'open',
    draftId: '6f1c7e4e-4b7a-4c52-9d0e-1f2a3b4c5d6e',
    revision: 3,
    step,
    editing,
    values,
    cardActivityId: 'activity-1',
    timeZone: 'Europe/Berlin',
    startedAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
  };
}

const vulnerabilityValues = {
  ...longestAnswers(),
  category: 'vulnerability',
  cveIds: 'CVE-2026-12345, CVE-2026-12346',
  cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
};

export const sampleTicket: Ticket = {
  confirmationNumber: 'SEC-ABCD-EFGH',
  tenantId: 'tenant-1',
  reporter: { kind: 'publisher', id: 'user-1', name: 'Alex' },
  category: 'vulnerability',
  report: {
    title: '**bold** <at>x</at> [link](https://evil.example)',
    offers: [{ name: 'Contoso WAF', offerId: 'contoso.contoso-waf' }],
    description: 'd',
    knownExploited: 'no',
    vulnerability: { cveIds: ['CVE-2026-12345'] },
    fix: { kind: 'none' },
  },
  state: 'submitted',
  openQuestions: [],
  additions: [],
  submittedAt: '2026-11-24T10:00:00.000Z',
  ackDueAt: '2026-11-25T01:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  version: 1,
};

type Sample = (locale: Locale) => AdaptiveCard;

const longText = (field: keyof typeof textLimits) => 'щ'.repeat(textLimits[field]);
const support: Actor = { kind: 'support', id: 'support-key-1', name: 'Local support key' };
const publisher: Actor = { kind: 'publisher', id: 'user-1', name: 'Alex' };
const at = '2026-11-24T10:00:00.000Z';

/** One event of every kind, with the longest texts support and the publisher may write. */
export const longestEvents: TicketEvent[] = [
  {
    type: 'submitted',
    actor: publisher,
    at,
    data: { confirmationNumber: 'SEC-ABCD-EFGH', category: 'vulnerability', title: 't', ackDueAt: at },
  },
  { type: 'ack_overdue', actor: { kind: 'system', id: 'ack-overdue-job' }, at, data: { dueAt: at } },
  { type: 'acknowledged', actor: support, at, data: { priority: 'P1', severity: 'Critical', late: true } },
  {
    type: 'priority_changed',
    actor: support,
    at,
    data: { from: 'P1', to: 'P2', reason: longText('changeReason') },
  },
  {
    type: 'severity_changed',
    actor: support,
    at,
    data: { from: 'Critical', to: 'High', reason: longText('changeReason') },
  },
  { type: 'assessment_started', actor: support, at, data: { reopened: false } },
  { type: 'question_asked', actor: support, at, data: { question: longText('question') } },
  { type: 'question_answered', actor: publisher, at, data: { answer: longText('answer') } },
  { type: 'message_posted', actor: support, at, data: { message: longText('message') } },
  {
    type: 'outcome_set',
    actor: support,
    at,
    data: {
      outcome: {
        kind: 'change_requested',
        summary: longText('summary'),
        whatMustChange: longText('whatMustChange'),
        dueBy: '2026-12-15',
      },
    },
  },
  {
    type: 'outcome_set',
    actor: support,
    at,
    data: {
      outcome: {
        kind: 'offer_removed',
        summary: longText('summary'),
        removal: 'temporary',
        reason: longText('removalReason'),
        restoreSteps: longText('restoreSteps'),
      },
    },
  },
  {
    type: 'outcome_set',
    actor: support,
    at,
    data: {
      outcome: { kind: 'offer_removed', summary: 's', removal: 'permanent', reason: 'r' },
    },
  },
  {
    type: 'closed',
    actor: support,
    at,
    data: { reason: 'duplicate', duplicateOf: 'SEC-2222-3333', note: longText('note') },
  },
];

/** The publisher's notification for an event, which must be one they are told about. */
function notification(event: TicketEvent, locale: Locale): AdaptiveCard {
  const sent = buildNotification(
    event,
    { confirmationNumber: 'SEC-ABCD-EFGH', title: longText('title'), timeZone: 'Europe/Berlin' },
    locale,
  );
  if (!sent) throw new Error(`no notification for ${event.type}`);
  return sent.card;
}

const notifiedEvents = longestEvents.filter((event) =>
  [
    'ack_overdue',
    'acknowledged',
    'priority_changed',
    'severity_changed',
    'message_posted',
    'outcome_set',
    'closed',
  ].includes(event.type),
);

function assessment(vector: string): CvssAssessment {
  const result = assessCvss(vector);
  if (!result.ok) throw new Error(`sample vector ${vector} does not score`);
  return result.assessment;
}

const longestTicket: Ticket = {
  ...sampleTicket,
  report: { ...sampleTicket.report, title: longText('title') },
  state: 'awaiting_publisher',
  priority: 'P2',
  severity: 'High',
  acknowledgedAt: at,
};

function record(ticket: Ticket): TicketRecord {
  return { ticket, delivery: 'local', timeZone: 'Europe/Berlin' };
}

const fullHistory: HistoryEntry[] = longestEvents.map((event, i) => ({ id: `e${i}`, seq: i + 1, event }));

const listOf = (count: number): TicketRecord[] =>
  [...Array(count).keys()].map((i) =>
    record({ ...longestTicket, confirmationNumber: `SEC-ABCD-${String(2222 + i).replace(/[01]/g, '2')}` }),
  );

/**
 * Representative renderings of each card template, by template name. A template with no entry here is
 * rendered with empty data; add an entry when that does not exercise it.
 */
export const cardSamples: Record<string, Sample[]> = {
  'report-kind': [
    (l) => renderStepCard(draftAt('kind', {}), stepContext(l)),
    (l) =>
      renderStepCard(draftAt('kind', longestAnswers(), true), stepContext(l), { title: 'e', offerId3: 'e' }),
  ],
  'report-details': [
    (l) =>
      renderStepCard(draftAt('details', longestAnswers()), stepContext(l), {
        description: 'e',
        startedOn: 'e',
      }),
    (l) => renderStepCard(draftAt('details', vulnerabilityValues), stepContext(l)),
  ],
  'report-vulnerability': [
    (l) => renderStepCard(draftAt('vulnerability', vulnerabilityValues), stepContext(l)),
    (l) =>
      renderStepCard(draftAt('vulnerability', { category: 'vulnerability' }), stepContext(l), {
        cveIds: 'e',
      }),
  ],
  'report-fix': [(l) => renderStepCard(draftAt('fix', longestAnswers()), stepContext(l), { fixKind: 'e' })],
  'report-message': [
    (l) => renderStepCard(draftAt('message', longestAnswers()), stepContext(l), { customerMessage: 'e' }),
  ],
  'report-review': [
    (l) => renderStepCard(draftAt('review', longestAnswers()), stepContext(l)),
    (l) => renderStepCard(draftAt('review', vulnerabilityValues), stepContext(l), {}, 'notice'),
  ],
  'report-closed': [
    (l) => renderCard('report-closed', l, { heading: 'Report expired', text: 'Nothing was filed.' }),
  ],
  'ticket-status': [
    (l) => renderTicketStatusCard(sampleTicket, { locale: l, timeZone: 'Asia/Tokyo' }),
    (l) =>
      renderTicketStatusCard(
        {
          ...sampleTicket,
          state: 'outcome',
          priority: 'P1',
          severity: 'Critical',
          acknowledgedAt: '2026-11-24T12:00:00.000Z',
          outcome: { kind: 'mitigated', summary: 's' },
        },
        { locale: l },
      ),
  ],
  'cvss-calculator': [
    (l) => renderCalculatorCard(l, { version: '3.1' }),
    (l) => renderCalculatorCard(l, { version: '4.0' }),
    (l) => renderCalculatorCard(l, { version: '3.0', showUsage: true, errors: ['AV', 'S'] }),
  ],
  help: [
    (l) => renderCard('help', l, { notUnderstood: true }),
    (l) => renderCard('help', l, { notUnderstood: false }),
  ],
  'cvss-result': [
    (l) =>
      renderCvssResultCard(l, assessment('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H'), [
        {
          title: translator(l)('cvssBot.result.useInReport'),
          data: { cmd: 'cvss-calculator', action: 'use' },
        },
        {
          title: translator(l)('cvssBot.result.changeChoices'),
          data: { cmd: 'cvss-calculator', action: 'edit' },
        },
      ]),
    (l) =>
      renderCvssResultCard(
        l,
        assessment('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A'),
      ),
    (l) => renderCvssResultCard(l, assessment('CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N')),
    (l) => {
      const result = assessCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q');
      if (result.ok) throw new Error('sample vector should be refused');
      return renderCvssErrorCard(
        l,
        { error: result.error, input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q' },
        [{ title: translator(l)('cvssBot.result.openCalculator'), data: { cmd: 'cvss-calculator' } }],
      );
    },
  ],
  'notification-update': notifiedEvents.map((event) => (l: Locale) => notification(event, l)),
  'notification-question': [
    (l) =>
      notification(
        longestEvents.find((event) => event.type === 'question_asked')!,
        l,
      ),
  ],
  'ticket-list': [
    (l) => ticketListCard({ t: translator(l), locale: l, zone: 'Europe/Berlin' }, []),
    (l) =>
      ticketListCard(
        { t: translator(l), locale: l, zone: 'Europe/Berlin' },
        listOf(TICKET_LIST_LIMIT).map(({ ticket }) => summaryOf(ticket)),
      ),
  ],
  'ticket-timeline-page': [
    (l) =>
      timelinePageCard(
        { t: translator(l), locale: l, zone: 'Europe/Berlin', viewerId: 'user-1' },
        record(longestTicket),
        fullHistory,
        fullHistory.length,
      ),
    (l) =>
      timelinePageCard({ t: translator(l), locale: l, zone: 'UTC' }, record(sampleTicket), fullHistory, 1),
  ],
  'support-triage': [
    (l) =>
      renderTriageCard(
        { ticket: sampleTicket, version: 1, suggestedSeverity: 'Critical', overdue: true },
        { locale: l, timeZone: 'America/Los_Angeles', viewers: ['29:1abc'] },
      ),
    (l) =>
      renderTriageCard(
        {
          ticket: {
            ...longestTicket,
            state: 'outcome',
            outcome: {
              kind: 'offer_removed',
              summary: longText('summary'),
              removal: 'temporary',
              reason: longText('removalReason'),
              restoreSteps: longText('restoreSteps'),
            },
          },
          version: 7,
          overdue: false,
        },
        {
          locale: l,
          timeZone: 'Europe/Berlin',
          history: fullHistory,
          notice: { text: 'Saved by Sam.', style: 'good' },
          errors: { summary: 'Required.' },
        },
      ),
  ],
  'support-publisher-wrote': [
    (l) =>
      renderPublisherWroteCard(l, 'SEC-ABCD-EFGH', [
        { label: 'Message', lines: [{ text: longText('message') }] },
        { label: 'Answer to your question', lines: [{ text: 'Version 2.4 and earlier.' }] },
      ]),
  ],
  'ticket-timeline': [
    (l) =>
      timelineCard(
        { t: translator(l), locale: l, zone: 'Europe/Berlin', viewerId: 'user-1' },
        record(longestTicket),
        fullHistory,
      ),
    (l) =>
      timelineCard(
        { t: translator(l), locale: l, zone: 'UTC' },
        record(sampleTicket),
        fullHistory.slice(0, 1),
      ),
  ],
  'customer-draft': [
    // A private email, support's proposal with a note, and a stale CSAF document, each at its longest.
    (l) => draftCardSample(l, { origin: 'drafted', status: 'private' }),
    (l) =>
      draftCardSample(l, {
        origin: 'support',
        status: 'proposed',
        note: longText('note').slice(0, 1000),
        createdBy: { kind: 'support', id: 'aad-analyst-1', name: 'Sam' },
      }),
    (l) =>
      customerDraftCard(
        {
          ...draftSample(l, { format: 'csaf', subject: undefined, body: '{"document":{}}' }),
          basis: draftBasis({ ...sampleTicket, severity: 'Low' }, 'csaf'),
        },
        sampleTicket,
        { locale: l, timeZone: 'Europe/Berlin', personalChat: true },
      ),
  ],
  'customer-drafts-outdated': [
    (l) =>
      buildDraftNotification(
        {
          type: 'customer_drafts_outdated',
          actor: { kind: 'system', id: 'customer-drafts' },
          at: '2026-11-25T10:00:00.000Z',
          data: {
            drafts: (['email', 'short', 'csaf', 'gdpr'] as const).flatMap((format, i) =>
              (['en', 'ru'] as const).map((language) => ({
                draftId: `d${i}${language}`,
                format,
                language,
                version: 9,
              })),
            ),
            changed: [
              'severity',
              'cvss',
              'fix',
              'offers',
              'affected',
              'exploitation',
              'details',
              'outcome',
              'status',
            ],
          },
        },
        { id: 't', ticket: longestTicket } as unknown as StoredTicket,
        [],
        l,
      )!.card,
  ],
  // Evidence files (bot/evidence): a receipt with the most files and refusals one message brings.
  'evidence-receipt': [
    (l) =>
      renderCard('evidence-receipt', l, {
        heading: translator(l)('evidence.receipt.titleTicket', { count: 5, number: 'SEC-7K3M-9QXD' }),
        ticketLine: wrappable(`SEC-7K3M-9QXD: ${'T'.repeat(textLimits.title)}`),
        files: Array.from({ length: 5 }, (_, i) => ({
          name: wrappable(`${'n'.repeat(110)}-${i}.log`),
          size: '19.9 MB',
          sha256: 'a'.repeat(64),
        })),
        refusals: Array.from({ length: 5 }, (_, i) => ({
          text: wrappable(
            translator(l)('evidence.refused.disallowedType', {
              name: `${'x'.repeat(110)}-${i}.bin`,
              kinds: 'PNG, JPEG',
            }),
          ),
        })),
        limits: translator(l)('evidence.limits', {
          maxFile: '20 MB',
          maxTicket: '100 MB',
          maxFiles: 25,
          kinds: 'PNG, JPEG, GIF',
        }),
      }),
  ],
  'evidence-choose-ticket': [
    (l) =>
      renderCard('evidence-choose-ticket', l, {
        names: Array.from({ length: 10 }, (_, i) => wrappable(`${'n'.repeat(110)}-${i}.png`)),
        selected: 'SEC-7K3M-9QX0',
        tickets: Array.from({ length: 10 }, (_, i) => ({
          number: `SEC-7K3M-9QX${i}`,
          title: wrappable(`SEC-7K3M-9QX${i}: ${'T'.repeat(textLimits.title)}`),
        })),
        files: Array.from({ length: 10 }, (_, i) => ({
          source: 'download',
          url: `https://contoso.sharepoint.com/personal/alex/_layouts/15/download.aspx?UniqueId=${i}&tempauth=${'v'.repeat(900)}`,
          name: `${'n'.repeat(110)}-${i}.png`,
        })),
        limits: translator(l)('evidence.limits', {
          maxFile: '20 MB',
          maxTicket: '100 MB',
          maxFiles: 25,
          kinds: 'PNG',
        }),
      }),
  ],
};

/** A customer draft of the longest text a person may type, in the reader's language. */
function draftSample(l: Locale, overrides: Partial<CustomerDraft> = {}): CustomerDraft {
  const letter = l === 'ru' ? 'щ' : 'w';
  return {
    id: '1a2b3c4d-0000-4000-8000-000000000001',
    format: 'email',
    language: l,
    tone: 'formal',
    version: 12,
    origin: 'drafted',
    status: 'private',
    subject: letter.repeat(draftTextLimits.subject),
    body: Array.from({ length: 80 }, () => `${letter.repeat(99)}\n`).join(''),
    placeholders: [
      '[Date of discovery]',
      '[What the issue could allow, in plain words]',
      '[Contact for questions]',
    ],
    madeFromVersion: 7,
    basis: draftBasis(sampleTicket, overrides.format ?? 'email'),
    createdAt: '2026-11-24T10:00:00.000Z',
    createdBy: { kind: 'publisher', id: 'user-1', name: 'Alex' },
    ...overrides,
  };
}

function draftCardSample(l: Locale, overrides: Partial<CustomerDraft>): AdaptiveCard {
  return customerDraftCard(draftSample(l, overrides), sampleTicket, {
    locale: l,
    timeZone: 'Europe/Berlin',
    personalChat: true,
  });
}
