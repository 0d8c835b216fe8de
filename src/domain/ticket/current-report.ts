import { suggestSeverityFromBase } from '../cvss/suggest-severity';
import type { ReportedOffer, Severity, Ticket, TicketReport } from './ticket';

/**
 * The report as it stands now: what was submitted with what the publisher added since folded in — the
 * latest CVSS rating and fix, and every offer named so far. The submitted report itself is kept as it
 * was (what support saw first); the additions stay listed on the ticket with who and when.
 */
export function currentReport(ticket: Pick<Ticket, 'report' | 'additions'>): TicketReport {
  const { report, additions } = ticket;
  if (additions.length === 0) return report;
  let { fix } = report;
  let cvss = report.vulnerability?.cvss;
  const offers: ReportedOffer[] = [...report.offers];
  for (const addition of additions) {
    if (addition.fix) fix = addition.fix;
    if (addition.cvss) cvss = addition.cvss;
    for (const offer of addition.offers ?? []) {
      if (!offers.some((known) => known.offerId === offer.offerId)) offers.push(offer);
    }
  }
  return {
    ...report,
    offers,
    fix,
    ...(report.vulnerability
      ? { vulnerability: { ...report.vulnerability, ...(cvss ? { cvss } : {}) } }
      : {}),
  };
}

/** What the current CVSS base score suggests to support (support decides; None suggests nothing). */
export function suggestedSeverity(ticket: Pick<Ticket, 'report' | 'additions'>): Severity | undefined {
  const cvss = currentReport(ticket).vulnerability?.cvss;
  return cvss && suggestSeverityFromBase(cvss);
}
