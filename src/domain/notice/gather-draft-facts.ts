import { ratingForScore, type CvssRating } from '../cvss/cvss-rating';
import type { CvssVersion } from '../cvss/cvss-metrics';
import { assessCvss } from '../cvss/score-cvss';
import { currentReport } from '../ticket/current-report';
import {
  severities,
  yesNoUnknown,
  type Category,
  type ReportedOffer,
  type Severity,
  type TicketState,
  type YesNoUnknown,
} from '../ticket/ticket';
import type { DraftRequest } from './draft-request';
import { remediationCategory, type RemediationCategory } from './remediation-category';

/** How typed text is made safe for the format at hand (inert markup for text, invisibles gone for JSON). */
export type CleanText = (raw: string, singleLine: boolean) => string;

export interface DraftCvss {
  readonly version: CvssVersion;
  readonly vector: string;
  readonly baseScore: number;
  readonly rating: CvssRating;
  /**
   * True when the CVSS module scored the vector here (the vector normalised, the score computed from
   * it); false when it did not parse, and the vector and score are the report's as they were.
   */
  readonly scored: boolean;
}

export type DraftOutcome =
  | { readonly kind: 'mitigated' | 'no_action_needed' }
  | { readonly kind: 'change_requested'; readonly dueBy?: string }
  | { readonly kind: 'offer_removed'; readonly removal: 'temporary' | 'permanent' };

/**
 * Everything a communication may state, each fact cleaned, and absent (never guessed) when the ticket
 * does not establish it. Dates stay 'YYYY-MM-DD'; each format writes them for its reader.
 */
export interface DraftFacts {
  readonly category: Category;
  readonly state: TicketState;
  readonly confirmationNumber: string;
  readonly ticketVersion: number;
  readonly submittedAt: string;
  /** When the ticket last changed: the facts below are as of then. */
  readonly updatedAt: string;
  readonly title?: string;
  readonly description?: string;
  /** Every offer named so far, additions included, once per offer id. */
  readonly offers: readonly ReportedOffer[];
  readonly affected?: string;
  readonly discoveredOn?: string;
  readonly incident?: {
    readonly dataOrSystems?: string;
    readonly startedOn?: string;
    readonly ongoing: YesNoUnknown;
    readonly personalData?: YesNoUnknown;
  };
  readonly cveIds: readonly string[];
  readonly cvss?: DraftCvss;
  /** Support's severity once assigned, else the CVSS rating of the publisher's own vector. */
  readonly severity?: { readonly level: Severity; readonly by: 'support' | 'publisher' };
  readonly knownExploited: YesNoUnknown;
  readonly remediation: RemediationCategory;
  /** The remediation steps of a full or partial fix. */
  readonly steps?: string;
  readonly fixExpectedOn?: string;
  readonly outcome?: DraftOutcome;
  readonly customerMessage?: string;
  readonly publisherName?: string;
  /** An absolute http(s) URL, normalised. */
  readonly publisherUrl?: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const cveId = /^CVE-\d{4}-\d{4,}$/;

/** A real calendar day 'YYYY-MM-DD', or nothing: a malformed date is a missing one, not a crash. */
function validDate(value: string | undefined): string | undefined {
  if (!value || !isoDate.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : undefined;
}

function choice(value: string | undefined): YesNoUnknown | undefined {
  return (yesNoUnknown as readonly (string | undefined)[]).includes(value)
    ? (value as YesNoUnknown)
    : undefined;
}

function httpUrl(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text || /\s/.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function draftCvss(
  cvss: { version: CvssVersion; vector: string; baseScore: number },
  clean: CleanText,
): DraftCvss {
  const assessed = assessCvss(cvss.vector);
  if (assessed.ok && assessed.assessment.version === cvss.version) {
    const { vector, baseScore, baseRating } = assessed.assessment;
    return { version: cvss.version, vector, baseScore, rating: baseRating, scored: true };
  }
  const baseScore = Number.isFinite(cvss.baseScore) ? Math.min(10, Math.max(0, cvss.baseScore)) : 0;
  return {
    version: cvss.version,
    vector: clean(cvss.vector, true),
    baseScore,
    rating: ratingForScore(baseScore),
    scored: false,
  };
}

function draftOutcome(outcome: DraftRequest['ticket']['outcome']): DraftOutcome | undefined {
  switch (outcome?.kind) {
    case 'mitigated':
    case 'no_action_needed':
      return { kind: outcome.kind };
    case 'change_requested': {
      const dueBy = validDate(outcome.dueBy);
      return { kind: 'change_requested', ...(dueBy ? { dueBy } : {}) };
    }
    case 'offer_removed':
      return { kind: 'offer_removed', removal: outcome.removal === 'permanent' ? 'permanent' : 'temporary' };
    default:
      return undefined;
  }
}

/** The ticket's facts as they stand now (the report with the publisher's additions folded in). */
export function gatherDraftFacts(request: DraftRequest, clean: CleanText): DraftFacts {
  const { ticket } = request;
  const report = currentReport(ticket);
  const text = (value: string | undefined, singleLine = false) => {
    const cleaned = value === undefined ? '' : clean(value, singleLine);
    return cleaned === '' ? undefined : cleaned;
  };

  const offers: ReportedOffer[] = [];
  for (const offer of report.offers) {
    const offerId = text(offer.offerId, true);
    const name = text(offer.name, true) ?? offerId;
    if (name && offerId && !offers.some((known) => known.offerId === offerId)) offers.push({ name, offerId });
  }

  const cveIds = [
    ...new Set(
      (report.vulnerability?.cveIds ?? [])
        .map((id) => id.trim().toUpperCase())
        .filter((id) => cveId.test(id)),
    ),
  ];
  const reportedCvss = report.vulnerability?.cvss;
  const cvss = reportedCvss ? draftCvss(reportedCvss, clean) : undefined;
  const assigned = (severities as readonly string[]).includes(ticket.severity ?? '')
    ? ticket.severity
    : undefined;
  const publisherRating = cvss && cvss.rating !== 'None' ? cvss.rating : undefined;
  const severity = assigned
    ? { level: assigned, by: 'support' as const }
    : publisherRating && { level: publisherRating, by: 'publisher' as const };

  const outcome = draftOutcome(ticket.outcome);
  const { fix } = report;
  const steps = fix.kind === 'none' ? undefined : text(fix.remediationSteps);
  const fixExpectedOn = fix.kind === 'none' ? validDate(fix.expectedOn) : undefined;
  const incident = report.incident && {
    ongoing: choice(report.incident.ongoing) ?? 'unknown',
    ...optional('dataOrSystems', text(report.incident.dataOrSystems)),
    ...optional('startedOn', validDate(report.incident.startedOn)),
    ...optional('personalData', choice(report.incident.personalData)),
  };

  return {
    category: ticket.category,
    state: ticket.state,
    confirmationNumber: clean(ticket.confirmationNumber, true),
    ticketVersion: ticket.version,
    submittedAt: ticket.submittedAt,
    updatedAt: ticket.updatedAt,
    offers,
    cveIds,
    knownExploited: choice(report.knownExploited) ?? 'unknown',
    remediation: remediationCategory(fix, ticket.outcome),
    ...optional('title', text(report.title, true)),
    ...optional('description', text(report.description)),
    ...optional('affected', text(report.affected)),
    ...optional('discoveredOn', validDate(report.discoveredOn)),
    ...optional('incident', ticket.category === 'incident' ? incident : undefined),
    ...optional('cvss', cvss),
    ...optional('severity', severity),
    ...optional('steps', steps),
    ...optional('fixExpectedOn', fixExpectedOn),
    ...optional('outcome', outcome),
    ...optional('customerMessage', text(report.customerMessage)),
    ...optional('publisherName', text(request.publisher?.name, true)),
    ...optional('publisherUrl', httpUrl(request.publisher?.url)),
  };
}

/** `{ key: value }` when there is a value, `{}` when not: absent facts stay absent keys. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
