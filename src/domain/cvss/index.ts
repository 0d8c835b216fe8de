export { buildVector, type BuildVectorResult } from './build-vector';
export { CVSS_ERROR_KEYS, type CvssError, type CvssErrorKey } from './cvss-errors';
export {
  CVSS_METRIC_GROUPS,
  CVSS_METRICS,
  CVSS_VERSIONS,
  NOT_DEFINED,
  cvssPrefix,
  findMetric,
  requiresMetricOrder,
  type CvssMetricDefinition,
  type CvssMetricGroup,
  type CvssValueDefinition,
  type CvssVersion,
} from './cvss-metrics';
export { CVSS_RATINGS, ratingForScore, type CvssRating } from './cvss-rating';
export { formatCvssScore } from './format-cvss-score';
export { definedMetrics, formatCvssVector } from './format-cvss-vector';
export { orderCvssVector } from './order-cvss-vector';
export { parseCvss, type CvssMetricValue, type ParseCvssResult, type ParsedCvss } from './parse-cvss';
export {
  assessCvss,
  scoreCvss,
  type AssessCvssResult,
  type CvssAssessedMetric,
  type CvssAssessment,
  type CvssNomenclature,
} from './score-cvss';
export { suggestSeverity, suggestSeverityFromBase } from './suggest-severity';
