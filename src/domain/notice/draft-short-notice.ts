import { cvssText, dateOr, type DraftContext } from './draft-context';
import { outcomeSentence } from './outcome-sentence';

/** A status page entry or a Teams/Slack post: a few sentences, at most this many characters when the facts allow. */
export const shortNoticeLimit = 500;

/** Shortest a typed fact is cut to before the notice is allowed to run over the limit. */
const shortestCut = 24;

interface Fit {
  /** Whether the fix's steps are written in, or pointed to in the full advisory. */
  readonly stepsInline: boolean;
  /** Longest any typed fact (title, offers, affected, data or systems) may run, in characters. */
  readonly cap: number;
}

const length = (text: string) => [...text].length;

function cut(text: string, cap: number): string {
  const chars = [...text];
  return chars.length <= cap
    ? text
    : `${chars
        .slice(0, cap - 1)
        .join('')
        .trimEnd()}…`;
}

/** One line, no trailing stop (the sentence around it brings its own). */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[.。]+$/u, '');
}

/** A typed text ending a sentence: its own final punctuation, or a full stop. */
function ending(text: string): string {
  return /[.!?…]$/u.test(text) ? text : `${text}.`;
}

/**
 * The short notice, fitted to the limit: first whole; then with typed facts cut down (never the
 * steps: half a remediation is worse than none); then with the steps pointed to in the full advisory.
 */
export function draftShortNotice(context: DraftContext): string {
  const longest = Math.max(
    shortestCut,
    ...[context.facts.title, context.facts.affected, context.facts.incident?.dataOrSystems]
      .concat(context.facts.offers.map((offer) => offer.name))
      .map((text) => length(text ?? '')),
  );
  const candidates: ((cap: number) => string)[] = [
    (cap) => compose(context, { stepsInline: true, cap }),
    (cap) => compose(context, { stepsInline: false, cap }),
  ];
  let last = '';
  for (const candidate of candidates) {
    const whole = candidate(longest);
    if (length(whole) <= shortNoticeLimit) return whole;
    // The largest cap that fits, by bisection (the length grows with the cap).
    let low = shortestCut;
    let high = longest;
    last = candidate(low);
    if (length(last) > shortNoticeLimit) continue;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (length(candidate(middle)) <= shortNoticeLimit) low = middle;
      else high = middle;
    }
    return candidate(low);
  }
  return last;
}

function compose(context: DraftContext, fit: Fit): string {
  const { facts, words, tone, locale, placeholders } = context;
  const s = words.short[tone];
  const p = words.placeholder;
  const typed = (text: string | undefined, placeholder: string) =>
    text === undefined ? placeholders.mark(placeholder) : cut(inline(text), fit.cap);

  const names = facts.offers.map((offer) => inline(offer.name));
  const listed = locale.list(names);
  const offers =
    names.length === 0
      ? placeholders.mark(p.offers)
      : length(listed) <= fit.cap || names.length === 1
        ? cut(listed, fit.cap)
        : s.moreOffers(cut(names[0] ?? '', fit.cap), names.length - 1);

  const parts: string[] = [s.lead[facts.category](offers, typed(facts.title, p.title))];
  if (facts.incident) {
    parts.push(ending(s.dataOrSystems(typed(facts.incident.dataOrSystems, p.dataOrSystems))));
    if (facts.incident.personalData) parts.push(s.personalData[facts.incident.personalData]);
    parts.push(s.ongoing[facts.incident.ongoing]);
  }
  parts.push(ending(s.affected(typed(facts.affected, p.affected))));
  if (facts.cveIds.length > 0) parts.push(s.cveIds(locale.list(facts.cveIds), facts.cveIds.length));

  const cvss = cvssText(context);
  const { severity } = facts;
  if (severity?.by === 'support') parts.push(s.severityBySupport(words.rating[severity.level]));
  else if (severity && cvss) parts.push(s.severityByPublisher(words.rating[severity.level], cvss));
  else parts.push(s.severityMissing(placeholders.mark(p.severity)));
  parts.push(s.exploited[facts.knownExploited]);

  const urgent = facts.knownExploited === 'yes';
  const steps =
    facts.steps === undefined ? placeholders.mark(p.steps) : ending(facts.steps.replace(/\s+/g, ' '));
  switch (facts.remediation) {
    case 'vendor_fix':
      parts.push(
        fit.stepsInline
          ? s.fix.full(steps, urgent)
          : s.fix.fullElsewhere(placeholders.mark(p.fullAdvisoryLink), urgent),
      );
      break;
    case 'mitigation':
      parts.push(
        fit.stepsInline
          ? s.fix.partial(steps, urgent)
          : s.fix.partialElsewhere(placeholders.mark(p.fullAdvisoryLink), urgent),
      );
      break;
    case 'none_available':
      parts.push(s.fix.noneAvailable(dateOr(context, facts.fixExpectedOn, p.expectedFix), ''));
      break;
    case 'no_fix_planned':
      parts.push(s.fix.noFixPlanned(''));
      break;
  }
  const outcome = outcomeSentence(context, s.outcome);
  if (outcome) parts.push(outcome);
  parts.push(s.reference(facts.confirmationNumber));
  return parts.join(' ');
}
