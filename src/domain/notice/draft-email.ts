import { cvssText, dateOr, offersOr, type DraftContext } from './draft-context';
import { outcomeSentence } from './outcome-sentence';

export interface DraftedEmail {
  readonly subject: string;
  readonly body: string;
}

/**
 * The email to the customers of the affected offers: what happened and to what, who is affected, how
 * severe, whether it is exploited, what to do, what Microsoft decided, whom to ask. The description is
 * left out on purpose: it is written for support and may teach an attacker; the publisher's own
 * message for customers goes in as they wrote it.
 */
export function draftEmail(context: DraftContext): DraftedEmail {
  const { facts, words, tone, locale, placeholders } = context;
  const s = words.email[tone];
  const p = words.placeholder;
  const offers = offersOr(context);
  const discoveredOn = dateOr(context, facts.discoveredOn, p.discoveredOn);

  const paragraphs: string[] = [s.greeting];
  paragraphs.push(
    facts.incident
      ? s.incidentSummary(offers, dateOr(context, facts.incident.startedOn, p.startedOn), discoveredOn)
      : s.vulnerabilitySummary(offers, discoveredOn),
  );
  if (facts.customerMessage) paragraphs.push(facts.customerMessage);

  const scope: string[] = [];
  if (facts.incident) {
    scope.push(s.dataOrSystems(placeholders.or(facts.incident.dataOrSystems, p.dataOrSystems)));
  }
  scope.push(s.affected(placeholders.or(facts.affected, p.affected)));
  scope.push(s.impact(placeholders.mark(p.impact)));
  paragraphs.push(scope.join('\n'));

  const assessment: string[] = [];
  if (facts.incident?.personalData) assessment.push(s.personalData[facts.incident.personalData]);
  if (facts.incident) assessment.push(s.ongoing[facts.incident.ongoing]);
  if (facts.cveIds.length > 0) assessment.push(s.cveIds(locale.list(facts.cveIds), facts.cveIds.length));
  assessment.push(severitySentence(context));
  assessment.push(s.exploited[facts.knownExploited]);
  paragraphs.push(assessment.join(' '));

  paragraphs.push(fixParagraph(context));
  paragraphs.push(outcomeSentence(context, s.outcome) ?? s.reported(facts.confirmationNumber));
  paragraphs.push(s.contact(placeholders.mark(p.contact)));
  paragraphs.push(s.closing(placeholders.or(facts.publisherName, p.publisherName)));

  const title = placeholders.or(facts.title, p.title);
  return { subject: s.subject[facts.category](title), body: paragraphs.join('\n\n') };
}

function severitySentence(context: DraftContext): string {
  const { facts, words, tone, placeholders } = context;
  const s = words.email[tone];
  const cvss = cvssText(context);
  const { severity } = facts;
  if (severity?.by === 'support') return s.severityBySupport(words.rating[severity.level], cvss);
  if (severity && cvss) return s.severityByPublisher(words.rating[severity.level], cvss);
  return s.severityMissing(placeholders.mark(words.placeholder.severity), cvss);
}

/** Steps to take only where there are steps; urgency only where there is something to do. */
function fixParagraph(context: DraftContext): string {
  const { facts, words, tone, placeholders } = context;
  const fix = words.email[tone].fix;
  const p = words.placeholder;
  const urgent = facts.knownExploited === 'yes';
  switch (facts.remediation) {
    case 'vendor_fix':
      return fix.full(placeholders.or(facts.steps, p.steps), urgent);
    case 'mitigation':
      return fix.partial(placeholders.or(facts.steps, p.steps), urgent);
    case 'none_available':
      return fix.noneAvailable(
        dateOr(context, facts.fixExpectedOn, p.expectedFix),
        placeholders.mark(p.interimMeasures),
      );
    case 'no_fix_planned':
      return fix.noFixPlanned(placeholders.mark(p.measures));
  }
}
