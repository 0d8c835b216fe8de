import type { CvssRating } from '../cvss/cvss-rating';
import type { Category, TicketReport } from '../ticket/ticket';
import type { NoticeDraft, NoticePart } from './notice-draft';

export interface NoticeFacts {
  readonly category: Category;
  readonly report: Pick<
    TicketReport,
    'title' | 'offers' | 'discoveredOn' | 'knownExploited' | 'incident' | 'vulnerability' | 'fix'
  >;
  /** The CVSS rating of the report's vector, when it has one. */
  readonly rating?: CvssRating;
}

/**
 * A first draft of the notice a publisher sends its own customers (DESIGN.md step 3.iv: "support helps
 * shape it"). It states only what the report establishes — offers, identifiers, severity, exploitation,
 * the fix and its steps — and leaves bracketed placeholders where only the publisher can judge (impact in
 * plain words, contact). Exploit details from the description are deliberately left out: a notice must
 * help customers protect themselves without teaching attackers.
 */
export function draftCustomerNotice({ category, report, rating }: NoticeFacts): NoticeDraft {
  const offers = report.offers.map((o) => o.name).join(', ');
  const paragraphs: NoticePart[] = [{ key: 'notice.greeting' }];

  paragraphs.push(
    report.discoveredOn
      ? { key: `notice.${category}.summaryOn`, params: { offers, date: report.discoveredOn } }
      : { key: `notice.${category}.summary`, params: { offers } },
  );
  paragraphs.push({ key: 'notice.impactPlaceholder' });

  const cveIds = report.vulnerability?.cveIds ?? [];
  const cvss = report.vulnerability?.cvss;
  if (cveIds.length > 0) paragraphs.push({ key: 'notice.tracked', params: { ids: cveIds.join(', ') } });
  if (cvss && rating && rating !== 'None') {
    paragraphs.push({
      key: `notice.severity.${rating}`,
      params: { version: cvss.version, score: cvss.baseScore.toFixed(1) },
    });
  }

  if (report.incident) {
    paragraphs.push({ key: 'notice.incident.scope', params: { scope: report.incident.dataOrSystems } });
    if (report.incident.ongoing === 'yes') paragraphs.push({ key: 'notice.incident.ongoing' });
    if (report.incident.ongoing === 'no') paragraphs.push({ key: 'notice.incident.contained' });
  }

  paragraphs.push({ key: `notice.exploited.${report.knownExploited}` });

  const fix = report.fix;
  if (fix.kind === 'none') {
    paragraphs.push(
      fix.expectedOn
        ? { key: 'notice.fix.noneExpected', params: { date: fix.expectedOn } }
        : { key: 'notice.fix.none' },
    );
  } else {
    paragraphs.push({ key: `notice.fix.${fix.kind}`, params: { steps: fix.remediationSteps } });
  }

  paragraphs.push({ key: 'notice.contactPlaceholder' }, { key: 'notice.closing' });
  return { subject: { key: `notice.${category}.subject`, params: { title: report.title } }, paragraphs };
}
