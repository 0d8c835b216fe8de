export { reviewCustomerMessage, type NoticeFinding, type NoticeFindingKey } from './review-customer-message';
export { draftCommunication } from './draft-communication';
export { formatsFor } from './formats-for';
export { shortNoticeLimit } from './draft-short-notice';
export { csafPlaceholderIncidentUrl, csafPlaceholderNamespace } from './draft-csaf';
export type { CsafDocument } from './csaf-document';
export {
  draftFormats,
  draftLanguages,
  draftTones,
  type DraftedCommunication,
  type DraftFormat,
  type DraftLanguage,
  type DraftRequest,
  type DraftRevision,
  type DraftTone,
} from './draft-request';
export {
  basisChanges,
  canonicalBasis,
  changesBetween,
  draftBasis,
  type BasisChange,
  type DraftBasis,
} from './draft-basis';
export {
  draftStaleness,
  draftTextLimits,
  isEditableFormat,
  readDraftText,
  type CustomerDraft,
  type DraftOrigin,
  type DraftStaleness,
  type DraftStatus,
  type DraftTextResult,
} from './customer-draft';
export { draftDocument, type DraftDocument } from './draft-document';
