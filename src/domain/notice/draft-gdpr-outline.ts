import { breachNotificationDeadline } from './breach-notification-deadline';
import { dateOr, offersOr, type DraftContext } from './draft-context';
import type { GdprNatureLine } from './draft-strings';
import { outcomeSentence } from './outcome-sentence';

/** "- Label: value", a value of several lines indented under its label. */
function line(label: string, value: string): string {
  return `- ${label}: ${value.replace(/\n/g, '\n  ')}`;
}

/**
 * An outline of the notification to the supervisory authority under GDPR Art. 33: the deadline 72
 * hours from awareness, then the four points of Art. 33(3), each filled from the report where it
 * can be and a placeholder where only the controller knows (data subjects, records, DPO, consequences).
 * An outline for the publisher to complete, not legal advice and not a filed notification.
 */
export function draftGdprOutline(context: DraftContext): string {
  const { facts, words, tone, locale, placeholders, request } = context;
  const g = words.gdpr[tone];
  const email = words.email[tone];
  const p = words.placeholder;
  const incident = facts.incident;

  const deadline = breachNotificationDeadline(facts.discoveredOn, incident?.startedOn, request.now);
  const deadlineSection = [
    g.deadlineHeading,
    g.deadlineRule,
    deadline
      ? g.deadline({
          awareOn: locale.date(deadline.awareOn),
          from: deadline.from,
          deadline: locale.date(deadline.dueOn),
        })
      : g.deadline({
          awareOn: placeholders.mark(p.awarenessDate),
          from: 'unknown',
          deadline: placeholders.mark(p.deadline),
        }),
  ];
  if (deadline?.passed) deadlineSection.push(g.overdue(locale.date(request.now.toISOString())));
  deadlineSection.push(g.processor);

  const nature: [GdprNatureLine, string][] = [
    ['offers', offersOr(context)],
    ['whatHappened', placeholders.or(facts.description, p.description)],
    ['dataOrSystems', placeholders.or(incident?.dataOrSystems, p.dataOrSystems)],
    ['affected', placeholders.or(facts.affected, p.affected)],
    ['startedOn', dateOr(context, incident?.startedOn, p.startedOn)],
    ['discoveredOn', dateOr(context, facts.discoveredOn, p.discoveredOn)],
    ['status', email.ongoing[incident?.ongoing ?? 'unknown']],
    ['exploitation', email.exploited[facts.knownExploited]],
    ['dataSubjectCategories', placeholders.mark(p.dataSubjectCategories)],
    ['dataSubjectCount', placeholders.mark(p.dataSubjectCount)],
    ['recordCategories', placeholders.mark(p.recordCategories)],
    ['recordCount', placeholders.mark(p.recordCount)],
  ];

  const measures = [
    `- ${measureOfFix(context).replace(/\n/g, '\n  ')}`,
    `- ${outcomeSentence(context, email.outcome) ?? email.reported(facts.confirmationNumber)}`,
    line(g.adverseEffects, placeholders.mark(p.adverseEffects)),
  ];

  return [
    `${g.title}\n${g.reference(facts.confirmationNumber, placeholders.or(facts.title, p.title))}`,
    deadlineSection.join('\n'),
    [g.natureHeading, ...nature.map(([key, value]) => line(g.label[key], value))].join('\n'),
    `${g.contactHeading}\n${placeholders.mark(p.dpoContact)}`,
    `${g.consequencesHeading}\n${placeholders.mark(p.consequences)}`,
    [g.measuresHeading, ...measures].join('\n'),
    g.phases,
  ].join('\n\n');
}

function measureOfFix(context: DraftContext): string {
  const { facts, words, tone, placeholders } = context;
  const fix = words.gdpr[tone].fix;
  const p = words.placeholder;
  switch (facts.remediation) {
    case 'vendor_fix':
      return fix.full(placeholders.or(facts.steps, p.steps));
    case 'mitigation':
      return fix.partial(placeholders.or(facts.steps, p.steps));
    case 'none_available':
      return fix.noneAvailable(dateOr(context, facts.fixExpectedOn, p.expectedFix));
    case 'no_fix_planned':
      return fix.noFixPlanned;
  }
}
