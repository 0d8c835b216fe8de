export { draftCustomerNotice, type NoticeFacts } from './draft-customer-notice';
export { renderNotice, type NoticeDraft, type NoticePart, type Translate } from './notice-draft';
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
