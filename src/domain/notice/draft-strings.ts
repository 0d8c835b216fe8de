import type { CvssRating } from '../cvss/cvss-rating';
import type { Category, YesNoUnknown } from '../ticket/ticket';
import type { DraftTone } from './draft-request';

/**
 * The words of every drafted communication in one language, as functions of already formatted facts
 * (dates, lists and scores come in written for the language). Functions, not message templates: what
 * a publisher typed is passed in as a value and never parsed as a template.
 */
export interface DraftStrings {
  /** The visible text of each missing fact. */
  readonly placeholder: PlaceholderStrings;
  /** Severities and CVSS ratings as written in a sentence ("High", "высокий"). */
  readonly rating: Readonly<Record<CvssRating, string>>;
  readonly email: Readonly<Record<DraftTone, EmailStrings>>;
  readonly short: Readonly<Record<DraftTone, ShortStrings>>;
  readonly gdpr: Readonly<Record<DraftTone, GdprStrings>>;
  readonly csaf: CsafStrings;
}

export interface PlaceholderStrings {
  readonly title: string;
  readonly offers: string;
  readonly description: string;
  readonly dataOrSystems: string;
  readonly affected: string;
  readonly discoveredOn: string;
  readonly startedOn: string;
  readonly severity: string;
  readonly steps: string;
  readonly dueBy: string;
  readonly expectedFix: string;
  readonly interimMeasures: string;
  readonly measures: string;
  readonly impact: string;
  readonly contact: string;
  readonly publisherName: string;
  readonly fullAdvisoryLink: string;
  readonly revisionSummary: string;
  readonly awarenessDate: string;
  readonly deadline: string;
  readonly dataSubjectCategories: string;
  readonly dataSubjectCount: string;
  readonly recordCategories: string;
  readonly recordCount: string;
  readonly dpoContact: string;
  readonly consequences: string;
  readonly adverseEffects: string;
  /** The confirmation number of a report not filed yet (drafted during the report dialog). */
  readonly reference: string;
}

/** CVSS facts as written in a sentence; `score` is formatted for the language. */
export interface CvssText {
  readonly version: string;
  readonly score: string;
  readonly vector: string;
}

export type OfferCount = 'one' | 'many';

/** What Microsoft's review decided, as told to customers; `reference` is the confirmation number. */
export interface OutcomeStrings {
  readonly mitigated: (reference: string) => string;
  readonly changeRequested: (reference: string, dueBy: string, offers: OfferCount) => string;
  readonly offerRemoved: (
    reference: string,
    removal: 'temporary' | 'permanent',
    offers: OfferCount,
  ) => string;
  readonly noActionNeeded: (reference: string) => string;
}

export interface FixStrings {
  readonly full: (steps: string, urgent: boolean) => string;
  readonly partial: (steps: string, urgent: boolean) => string;
  readonly noneAvailable: (expectedOn: string, interimMeasures: string) => string;
  readonly noFixPlanned: (measures: string) => string;
}

export interface EmailStrings {
  readonly subject: Readonly<Record<Category, (title: string) => string>>;
  readonly greeting: string;
  readonly vulnerabilitySummary: (offers: string, discoveredOn: string) => string;
  readonly incidentSummary: (offers: string, startedOn: string, discoveredOn: string) => string;
  readonly affected: (text: string) => string;
  readonly dataOrSystems: (text: string) => string;
  readonly personalData: Readonly<Record<YesNoUnknown, string>>;
  readonly ongoing: Readonly<Record<YesNoUnknown, string>>;
  readonly impact: (placeholder: string) => string;
  readonly cveIds: (ids: string, count: number) => string;
  readonly severityBySupport: (level: string, cvss?: CvssText) => string;
  readonly severityByPublisher: (level: string, cvss: CvssText) => string;
  readonly severityMissing: (placeholder: string, cvss?: CvssText) => string;
  readonly exploited: Readonly<Record<YesNoUnknown, string>>;
  readonly fix: FixStrings;
  readonly reported: (reference: string) => string;
  readonly outcome: OutcomeStrings;
  readonly contact: (contact: string) => string;
  readonly closing: (publisher: string) => string;
}

export interface ShortStrings {
  readonly lead: Readonly<Record<Category, (offers: string, title: string) => string>>;
  readonly affected: (text: string) => string;
  readonly dataOrSystems: (text: string) => string;
  readonly personalData: Readonly<Record<YesNoUnknown, string>>;
  readonly ongoing: Readonly<Record<YesNoUnknown, string>>;
  readonly cveIds: (ids: string, count: number) => string;
  readonly severityBySupport: (level: string) => string;
  readonly severityByPublisher: (level: string, cvss: CvssText) => string;
  readonly severityMissing: (placeholder: string) => string;
  readonly exploited: Readonly<Record<YesNoUnknown, string>>;
  readonly fix: FixStrings & {
    /** When the steps do not fit: where to find them. */
    readonly fullElsewhere: (link: string, urgent: boolean) => string;
    readonly partialElsewhere: (link: string, urgent: boolean) => string;
  };
  readonly outcome: OutcomeStrings;
  readonly reference: (reference: string) => string;
  /** A long list of offers cut short: "Contoso WAF and 3 more". */
  readonly moreOffers: (first: string, more: number) => string;
}

export interface GdprDeadline {
  /** When the controller became aware, and whether that is the discovery date or, lacking it, the start. */
  readonly awareOn: string;
  readonly from: 'discovery' | 'start' | 'unknown';
  readonly deadline: string;
}

export interface GdprStrings {
  readonly title: string;
  readonly reference: (reference: string, title: string) => string;
  readonly deadlineHeading: string;
  readonly deadlineRule: string;
  readonly deadline: (deadline: GdprDeadline) => string;
  readonly overdue: (today: string) => string;
  readonly processor: string;
  readonly natureHeading: string;
  /** Labels of the lines under "nature of the breach". */
  readonly label: Readonly<Record<GdprNatureLine, string>>;
  readonly contactHeading: string;
  readonly consequencesHeading: string;
  readonly measuresHeading: string;
  readonly fix: {
    readonly full: (steps: string) => string;
    readonly partial: (steps: string) => string;
    readonly noneAvailable: (expectedOn: string) => string;
    readonly noFixPlanned: string;
  };
  readonly adverseEffects: string;
  readonly phases: string;
}

export type GdprNatureLine =
  | 'offers'
  | 'whatHappened'
  | 'dataOrSystems'
  | 'affected'
  | 'startedOn'
  | 'discoveredOn'
  | 'status'
  | 'exploitation'
  | 'dataSubjectCategories'
  | 'dataSubjectCount'
  | 'recordCategories'
  | 'recordCount';

export interface CsafStrings {
  readonly summaryTitle: string;
  readonly summary: Readonly<Record<Category, (offers: string, reference: string) => string>>;
  readonly descriptionTitle: string;
  readonly affectedTitle: string;
  readonly dataOrSystemsTitle: string;
  readonly statusTitle: string;
  readonly outcomeTitle: string;
  readonly customerMessageTitle: string;
  readonly cvss4Title: string;
  readonly cvss4: (cvss: CvssText, rating: string) => string;
  readonly unscoredCvssTitle: string;
  readonly unscoredCvss: (cvss: CvssText) => string;
  readonly noneAvailable: (expectedOn: string) => string;
  readonly noFixPlanned: string;
  readonly drafted: (reference: string, ticketVersion: number) => string;
  readonly incidentReference: string;
}
