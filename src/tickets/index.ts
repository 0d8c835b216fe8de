/**
 * The one owner of the ticket tables: tickets and their history (TicketStore), the outbox of their
 * notifications (Outbox) and the support channel's triage cards (SupportCards). Nothing outside this
 * folder writes SQL on them; everything it hands out is a domain type (docs/decisions/module-map.md).
 */
export { Outbox, type ClaimedOutboxRow, type DeadLetter, type OutboxSubject, type RowFinish } from './outbox';
export { maxLiveCards, PublisherCards, type CardPlacement, type PostedCard } from './publisher-cards';
export {
  forgetShownCards,
  SupportCards,
  type SupportCardRelease,
  type SupportCardWork,
} from './support-cards';
export {
  summaryOf,
  toTicketRecord,
  type HistoryEntry,
  type StoredTicket,
  type TicketRecord,
  type TicketSummary,
} from './ticket-record';
export {
  TicketStore,
  type NewTicketMeta,
  type RemoteEvent,
  type StoreRemoteEventResult,
  type TicketSearch,
} from './ticket-store';
export {
  EvidenceFiles,
  type AddEvidenceResult,
  type EvidenceFile,
  type EvidenceLimits,
  type EvidenceUsage,
  type NewEvidenceFile,
} from './evidence-files';
