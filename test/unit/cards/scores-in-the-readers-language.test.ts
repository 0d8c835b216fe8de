import { renderCvssResultCard } from '../../../src/bot/cvss-calculator/render-cvss-result-card';
import { renderStepCard } from '../../../src/bot/report/render-step-card';
import { describeAddition } from '../../../src/bot/support-channel/describe-addition';
import { renderPublisherWroteCard } from '../../../src/bot/support-channel/render-publisher-wrote-card';
import { renderTriageCard } from '../../../src/bot/support-channel/render-triage-card';
import { describeTicketEvent } from '../../../src/cards/describe-ticket-event';
import type { AdaptiveCard } from '../../../src/cards/render-card';
import { assessCvss, formatCvssScore } from '../../../src/domain/cvss';
import type { CvssRating, Ticket } from '../../../src/domain/ticket';
import type { Locale } from '../../../src/i18n/locale';
import { translator } from '../../../src/i18n/translate';
import { draftAt, longestAnswers, sampleTicket, stepContext } from '../report/card-samples';

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const MEDIUM = 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N';
const ten: CvssRating = {
  version: '4.0',
  vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
  baseScore: 10,
};
const critical: CvssRating = { version: '3.1', vector: CRITICAL, baseScore: 9.8 };
const medium: CvssRating = { version: '3.1', vector: MEDIUM, baseScore: 5.4 };

/** Every text a person reads on a card (TextBlocks, TextRuns, facts, choices, button titles). */
function texts(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label'])
      if (typeof element[key] === 'string') out.push(element[key] as string);
    Object.values(element).forEach(visit);
  };
  visit(card);
  return out;
}

const vulnerability: Ticket = {
  ...sampleTicket,
  report: { ...sampleTicket.report, vulnerability: { cveIds: ['CVE-2026-12345'], cvss: critical } },
  additions: [{ at: sampleTicket.submittedAt, by: sampleTicket.reporter, cvss: medium }],
};

describe('the one score formatter', () => {
  test.each([
    ['en-US', 9.3, '9.3'],
    ['ru-RU', 9.3, '9,3'],
    ['en-US', 10, '10.0'],
    ['ru-RU', 10, '10,0'],
    ['ru-RU', 0, '0,0'],
  ])('in %s writes %d as %s', (tag, score, text) => {
    expect(formatCvssScore(score, tag)).toBe(text);
  });
});

describe.each([
  ['en', '9.8', '5.4', '10.0'],
  ['ru', '9,8', '5,4', '10,0'],
] as const)('scores read in %s', (locale: Locale, nine, five, tenText) => {
  const all = (card: AdaptiveCard) => texts(card).join('\n');

  test('the triage card: the vector as sent, its score as the language writes it', () => {
    const shown = all(
      renderTriageCard(
        { ticket: vulnerability, version: 2, overdue: false },
        { locale, timeZone: 'Europe/Berlin' },
      ),
    );
    // The vector as it is now (the publisher revised it), and the revision under "Additions".
    expect(shown).toContain(`${MEDIUM} (${five})`);
    expect(shown).toContain(`CVSS ${MEDIUM} (${five})`);
    const unrevised = renderTriageCard(
      { ticket: { ...vulnerability, additions: [] }, version: 1, overdue: false },
      { locale, timeZone: 'Europe/Berlin' },
    );
    expect(all(unrevised)).toContain(`${CRITICAL} (${nine})`);
  });

  test('the thread notice of an addition', () => {
    const card = renderPublisherWroteCard(locale, 'SEC-ABCD-EFGH', [
      { label: 'Added', lines: describeAddition({ cvss: ten }, locale) },
    ]);
    expect(all(card)).toContain(`CVSS ${ten.vector} (${tenText})`);
  });

  test('the CVSS result card', () => {
    const assessed = assessCvss(CRITICAL);
    if (!assessed.ok) throw new Error('sample vector does not score');
    const shown = texts(renderCvssResultCard(locale, assessed.assessment));
    expect(shown.some((text) => text.startsWith(`${nine} `))).toBe(true);
    expect(shown).toContain(CRITICAL);
  });

  test('the vulnerability step and the review of a report', () => {
    const values = { ...longestAnswers(), category: 'vulnerability', cveIds: '', cvssVector: CRITICAL };
    const step = all(renderStepCard(draftAt('vulnerability', values), stepContext(locale)));
    expect(step).toContain(nine);
    const review = texts(renderStepCard(draftAt('review', values), stepContext(locale)));
    expect(review.find((text) => text.startsWith(CRITICAL))).toContain(nine);
  });

  test('the timeline event of a revised vector', () => {
    const view = describeTicketEvent(translator(locale), locale, 'UTC', {
      type: 'information_added',
      actor: sampleTicket.reporter,
      at: sampleTicket.submittedAt,
      data: { cvss: medium },
    });
    expect(view.vector).toEqual({ label: expect.stringContaining(five), text: MEDIUM });
  });
});
