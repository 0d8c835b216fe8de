export { draftCustomerNotice, type NoticeFacts } from './draft-customer-notice';
export { renderNotice, type NoticeDraft, type NoticePart, type Translate } from './notice-draft';
export { reviewCustomerMessage, type NoticeFinding, type NoticeFindingKey } from './review-customer-message';
