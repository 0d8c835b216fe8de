import { breakAtSlashes } from '../../cards/card-lines';
import { renderCard, type AdaptiveCard } from '../../cards/render-card';
import {
  CVSS_METRIC_GROUPS,
  formatCvssScore,
  ratingForScore,
  suggestSeverityFromBase,
  type CvssAssessment,
  type CvssError,
  type CvssRating,
} from '../../domain/cvss';
import { INTL_TAG, type Locale } from '../../i18n/locale';
import { translator, type Translator } from '../../i18n/translate';

/** A button under the score or the error, e.g. "Use this vector in my report". */
export interface CardButton {
  readonly title: string;
  readonly data: Readonly<Record<string, unknown>>;
}

const RATING_COLOR: Record<CvssRating, string> = {
  None: 'Default',
  Low: 'Good',
  Medium: 'Warning',
  High: 'Attention',
  Critical: 'Attention',
};

function scoreFacts(t: Translator, locale: Locale, assessment: CvssAssessment) {
  const value = (score: number, rating: CvssRating) =>
    t('cvssBot.result.scoreValue', {
      score: formatCvssScore(score, INTL_TAG[locale]),
      rating: t(`cvss.rating.${rating}`),
    });
  if (assessment.nomenclature !== undefined) {
    const facts = [
      {
        title: t('cvssBot.result.overallScore', { nomenclature: assessment.nomenclature }),
        value: value(assessment.overallScore, assessment.overallRating),
      },
    ];
    if (assessment.nomenclature !== 'CVSS-B') {
      facts.push({
        title: t('cvssBot.result.overallScore', { nomenclature: 'CVSS-B' }),
        value: value(assessment.baseScore, assessment.baseRating),
      });
    }
    return facts;
  }
  const facts = [
    { title: t('cvssBot.result.baseScore'), value: value(assessment.baseScore, assessment.baseRating) },
  ];
  if (assessment.temporalScore !== undefined) {
    facts.push({
      title: t('cvssBot.result.temporalScore'),
      value: value(assessment.temporalScore, ratingForScore(assessment.temporalScore)),
    });
  }
  if (assessment.environmentalScore !== undefined) {
    facts.push({
      title: t('cvssBot.result.environmentalScore'),
      value: value(assessment.environmentalScore, ratingForScore(assessment.environmentalScore)),
    });
  }
  return facts;
}

/**
 * The severity suggested to support. From the base score, because that is what a ticket keeps (its CVSS
 * rating stores the base score) and what support sees as the suggestion: the card and the ticket agree.
 */
export function suggestedSeverityOf(assessment: CvssAssessment) {
  return suggestSeverityFromBase(assessment);
}

/**
 * The score card: version, the score and its rating (temporal / environmental scores, or the v4.0
 * nomenclature, when given), the suggested severity, every metric in words and the normalised vector.
 */
export function renderCvssResultCard(
  locale: Locale,
  assessment: CvssAssessment,
  actions: readonly CardButton[] = [],
): AdaptiveCard {
  const t = translator(locale);
  const severity = suggestedSeverityOf(assessment);
  const groups = CVSS_METRIC_GROUPS.flatMap((group) => {
    const facts = assessment.metrics
      .filter((metric) => metric.group === group)
      .map((metric) => ({ title: t(metric.label), value: t(metric.valueLabel) }));
    return facts.length === 0
      ? []
      : [{ title: t('cvssBot.result.metricsOf', { group: t(`cvss.group.${group}`) }), facts }];
  });
  return renderCard('cvss-result', locale, {
    ok: true,
    title: t('cvssBot.result.title', { version: assessment.version }),
    headline: t('cvssBot.result.score', {
      score: formatCvssScore(assessment.overallScore, INTL_TAG[locale]),
      rating: t(`cvss.rating.${assessment.overallRating}`),
    }),
    headlineColor: RATING_COLOR[assessment.overallRating],
    ...(assessment.nomenclature
      ? {
          nomenclatureNote: t('cvssBot.result.nomenclatureNote', {
            what: t(`cvss.nomenclature.${assessment.nomenclature}`),
          }),
        }
      : {}),
    scores: scoreFacts(t, locale, assessment),
    severityText: severity
      ? t('cvssBot.result.suggestedSeverity', { severity: t(`cvss.rating.${severity}`) })
      : t('cvssBot.result.noSeverity'),
    groups,
    vector: assessment.vector,
    actions,
  });
}

export interface CvssErrorView {
  readonly error: CvssError;
  /** What the person sent, already trimmed and shortened for echoing. */
  readonly input?: string;
  /** For a v4.0 order error: the same metrics in specification order. */
  readonly ordered?: string;
}

/** The precise error: which metric, which value and why, in the person's language. */
export function renderCvssErrorCard(
  locale: Locale,
  view: CvssErrorView,
  actions: readonly CardButton[] = [],
): AdaptiveCard {
  const t = translator(locale);
  const { error } = view;
  return renderCard('cvss-result', locale, {
    ok: false,
    title: t('cvssBot.error.title'),
    errorMessage: t(error.key, {
      metric: error.metric ?? '',
      value: error.value ?? '',
      version: error.version ?? '',
    }),
    // Refused, so unchecked: a TextRun, broken into lines a phone can show (a checked vector wraps by itself).
    ...(view.input ? { input: breakAtSlashes(view.input) } : {}),
    ...(view.ordered ? { ordered: view.ordered } : {}),
    actions,
  });
}
