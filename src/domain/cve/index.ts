export {
  CVE_ERROR_KEYS,
  DEFAULT_MAX_CVE_IDS,
  parseCveIds,
  type CveError,
  type CveErrorKey,
  type ParseCveIdsOptions,
  type ParseCveIdsResult,
} from './parse-cve-ids';
