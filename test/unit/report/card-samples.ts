import { renderCard, type AdaptiveCard } from '../../../src/cards/render-card';
import { renderTicketStatusCard } from '../../../src/cards/ticket-status-data';
import { renderCalculatorCard } from '../../../src/bot/cvss-calculator/render-calculator-card';
import type { OpenDraft, StepName } from '../../../src/bot/report/report-draft';
import { renderStepCard } from '../../../src/bot/report/render-step-card';
import type { StepContext } from '../../../src/bot/report/step-context';
import type { Ticket } from '../../../src/domain/ticket';
import type { Locale } from '../../../src/i18n/locale';
import { translator } from '../../../src/i18n/translate';

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
  submittedAt: '2026-11-24T10:00:00.000Z',
  ackDueAt: '2026-11-25T01:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  version: 1,
};

type Sample = (locale: Locale) => AdaptiveCard;

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
  ],
  help: [
    (l) => renderCard('help', l, { notUnderstood: true }),
    (l) => renderCard('help', l, { notUnderstood: false }),
  ],
};
