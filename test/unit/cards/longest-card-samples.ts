import type { HistoryEntry, TicketRecord } from '../../../src/backend/ticket-backend';
import type { AdaptiveCard } from '../../../src/cards/render-card';
import { timelineCard } from '../../../src/cards/ticket-timeline-card';
import { renderCvssResultCard } from '../../../src/bot/cvss-calculator/render-cvss-result-card';
import { renderStepCard } from '../../../src/bot/report/render-step-card';
import { describeAddition } from '../../../src/bot/support-channel/describe-addition';
import { renderPublisherWroteCard } from '../../../src/bot/support-channel/render-publisher-wrote-card';
import { renderTriageCard } from '../../../src/bot/support-channel/render-triage-card';
import { assessCvss, type CvssAssessment } from '../../../src/domain/cvss';
import {
  maxOffersPerReport,
  textLimits,
  type CvssRating,
  type ReportAddition,
  type Ticket,
} from '../../../src/domain/ticket';
import { LOCALES, type Locale } from '../../../src/i18n/locale';
import { translator } from '../../../src/i18n/translate';
import {
  cardSamples,
  draftAt,
  longestAnswers,
  longestEvents,
  sampleTicket,
  stepContext,
} from '../report/card-samples';

/** The longest vectors a publisher can bring: every metric of each version given, none Not Defined. */
export const LONGEST_VECTORS = {
  '3.0':
    'CVSS:3.0/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:L/A:L/E:P/RL:W/RC:R/CR:M/IR:M/AR:M/MAV:A/MAC:H/MPR:L/MUI:R/MS:C/MC:L/MI:L/MA:L',
  '3.1':
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:H/RL:U/RC:C/CR:H/IR:H/AR:H/MAV:N/MAC:L/MPR:N/MUI:N/MS:C/MC:H/MI:H/MA:H',
  '4.0':
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/S:P/AU:Y/R:U/V:C/RE:H/U:Red',
} as const;

function assessment(vector: string): CvssAssessment {
  const result = assessCvss(vector);
  if (!result.ok) throw new Error(`sample vector ${vector} does not score`);
  return result.assessment;
}

function rating(vector: string): CvssRating {
  const { version, vector: normalised, baseScore } = assessment(vector);
  return { version, vector: normalised, baseScore };
}

// Words a report is written in, so the longest text wraps as text does: `щ` repeated (the size tests'
// worst case for bytes) is one word thousands of letters long, which no client wraps.
const WORDS = {
  ru: 'уязвимость в модуле аутентификации позволяет удалённому злоумышленнику выполнить произвольный код на сервере управления через специально сформированный запрос',
  en: 'an authentication flaw in the management endpoint lets a remote attacker run arbitrary code on the control plane through a crafted request',
};

/** `length` letters of prose in the language (the same length as the size tests' worst case). */
export function prose(length: number, language: Locale = 'ru'): string {
  const words = WORDS[language];
  let text = '';
  while ([...text].length < length) text += `${text ? ' ' : ''}${words}`;
  return [...text].slice(0, length).join('').replace(/ $/, '.');
}

/** A Marketplace offer id at its 100-letter limit, as ids are written: words joined by hyphens. */
function longOfferId(i: number): string {
  return `contoso-security-solutions-${i}.contoso-web-application-firewall-enterprise-edition-threat-intel`.slice(
    0,
    textLimits.offerId,
  );
}

/**
 * A rendered card made realistic for layout: the size tests' one-letter runs (`щщщ…`, `ooo…`) become
 * prose and hyphenated ids of the same length. Only text changes; the card's structure stays.
 */
export function asProse(card: AdaptiveCard): AdaptiveCard {
  const text = JSON.stringify(card)
    .replace(/щ{12,}/g, (run) => prose(run.length))
    .replace(/o{12,}/g, (run) => 'web-application-firewall-'.repeat(8).slice(0, run.length));
  return JSON.parse(text) as AdaptiveCard;
}

const at = '2026-11-24T10:00:00.000Z';
const publisher = { kind: 'publisher' as const, id: 'user-1', name: 'Alex' };

const tenOffers = [...Array(maxOffersPerReport).keys()].map((i) => ({
  name: prose(textLimits.offerName),
  offerId: longOfferId(i),
}));

const revision: ReportAddition = {
  at,
  by: publisher,
  detail: prose(textLimits.description),
  cvss: rating(LONGEST_VECTORS['3.1']),
  fix: { kind: 'partial', remediationSteps: prose(textLimits.remediationSteps) },
  offers: tenOffers.slice(0, 2),
};

/** The largest vulnerability report: ten offers, every field at its limit, a CVSS 4.0 vector, revisions. */
const longestVulnerability: Ticket = {
  ...sampleTicket,
  report: {
    ...sampleTicket.report,
    title: prose(textLimits.title),
    offers: tenOffers,
    description: prose(textLimits.description),
    affected: prose(textLimits.affected),
    vulnerability: {
      cveIds: [...Array(20).keys()].map((i) => `CVE-2026-${String(100000 + i)}`),
      cvss: rating(LONGEST_VECTORS['4.0']),
    },
    fix: { kind: 'full', remediationSteps: prose(textLimits.remediationSteps) },
    customerMessage: prose(textLimits.customerMessage),
  },
  state: 'awaiting_publisher',
  priority: 'P1',
  severity: 'Critical',
  acknowledgedAt: at,
  additions: [revision, { at, by: publisher, cvss: rating(LONGEST_VECTORS['3.0']) }],
};

const additionEvents: HistoryEntry[] = [
  ...longestEvents.map((event, i) => ({ id: `e${i}`, seq: i + 1, event })),
  {
    id: 'added',
    seq: longestEvents.length + 1,
    event: {
      type: 'information_added',
      actor: publisher,
      at,
      data: { cvss: rating(LONGEST_VECTORS['4.0']) },
    },
  },
];

const record: TicketRecord = { ticket: longestVulnerability, delivery: 'local', timeZone: 'Europe/Berlin' };

type Sample = (locale: Locale) => AdaptiveCard;

/** Cards at their longest with CVSS vectors of every version: what a phone must wrap. */
export const longestVectorSamples: Record<string, Sample[]> = {
  'support-triage': [
    (l) =>
      renderTriageCard(
        { ticket: longestVulnerability, version: 9, suggestedSeverity: 'Critical', overdue: false },
        { locale: l, timeZone: 'Europe/Berlin', history: additionEvents, viewers: ['29:1abc'] },
      ),
  ],
  'support-publisher-wrote': [
    (l) =>
      renderPublisherWroteCard(l, 'SEC-ABCD-EFGH', [
        { label: translator(l)('supportChannel.publisherWrote.added'), lines: describeAddition(revision, l) },
        { label: translator(l)('supportChannel.publisherWrote.message'), lines: [{ text: prose(4000, l) }] },
      ]),
  ],
  'cvss-result': Object.values(LONGEST_VECTORS).map(
    (vector) => (l: Locale) => renderCvssResultCard(l, assessment(vector)),
  ),
  'report-review': [
    (l) =>
      renderStepCard(
        draftAt('review', {
          ...longestAnswers(),
          category: 'vulnerability',
          cveIds: 'CVE-2026-12345, CVE-2026-12346',
          cvssVector: LONGEST_VECTORS['4.0'],
        }),
        stepContext(l),
      ),
  ],
  'ticket-timeline': [
    (l) =>
      timelineCard(
        { t: translator(l), locale: l, zone: 'Europe/Berlin', viewerId: 'user-1' },
        record,
        additionEvents,
      ),
  ],
};

export interface NamedCard {
  /** `<template>-<locale>-<n>`: the screenshot's name. */
  readonly name: string;
  readonly template: string;
  readonly locale: Locale;
  /** Rendered when the test runs: a sample that throws fails its own test, not the whole suite. */
  readonly render: () => AdaptiveCard;
}

/**
 * Every card the bot sends, in both languages: the card tests' samples of every template (as prose)
 * and the longest cards with vectors.
 */
export function everyCardAtItsLongest(): NamedCard[] {
  const all: NamedCard[] = [];
  for (const [template, samples] of [
    ...Object.entries(cardSamples),
    ...Object.entries(longestVectorSamples).map(([name, s]) => [`${name}-vectors`, s] as const),
  ]) {
    for (const locale of LOCALES) {
      samples.forEach((sample, i) =>
        all.push({
          name: `${template}-${locale}-${i + 1}`,
          template: template.replace(/-vectors$/, ''),
          locale,
          render: () => asProse(sample(locale)),
        }),
      );
    }
  }
  return all;
}
