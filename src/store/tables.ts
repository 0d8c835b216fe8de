import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. Portable conventions, so one query works on SQLite and PostgreSQL:
 * timestamps are ISO-8601 UTC text (`2026-11-25T10:00:00.000Z`, sorts as text), JSON is text the caller
 * stringifies and parses, booleans are integers 0/1, ids are text UUIDs unless noted.
 */

/** ISO-8601 UTC with milliseconds and `Z`, as `Date.prototype.toISOString()` writes it. */
export type IsoTimestamp = string;
/** A JSON document stored as text. */
export type JsonText = string;
/** A boolean stored as an integer. */
export type IntBool = 0 | 1;

export type ConversationType = 'personal' | 'groupChat' | 'channel';
export type TicketCategory = 'incident' | 'vulnerability';
export type RemoteState = 'local' | 'pending' | 'synced';
export type ActorKind = 'publisher' | 'support' | 'system';
export type OutboxState = 'pending' | 'sent' | 'dead' | 'skipped';

/** Bot Framework state documents (dialog, conversation and user state) with an eTag for concurrency. */
export interface BotStateTable {
  key: string;
  etag: string;
  document: JsonText;
  updated_at: IsoTimestamp;
}

/** Where proactive messages go: one row per user per conversation the bot has seen. */
export interface ConversationReferencesTable {
  tenant_id: string;
  /** The user's Entra aadObjectId, or the channel user id when the activity has none. */
  user_id: string;
  conversation_id: string;
  conversation_type: ConversationType;
  channel_id: string;
  service_url: string;
  bot_id: string;
  locale: string | null;
  /** The Bot Framework ConversationReference as JSON (without locale, which is the column above). */
  reference: JsonText;
  active: Generated<IntBool>;
  inactive_reason: string | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
}

export interface TicketsTable {
  id: string;
  confirmation_number: string;
  tenant_id: string;
  reporter_id: string;
  reporter_name: string;
  locale: string;
  conversation_id: string | null;
  category: TicketCategory;
  title: string;
  /** JSON of the reporter's answers. */
  report: JsonText;
  state: string;
  priority: string | null;
  severity: string | null;
  suggested_severity: string | null;
  outcome: JsonText | null;
  ack_due_at: IsoTimestamp;
  acknowledged_at: IsoTimestamp | null;
  /** When the ack_overdue event was emitted, so it is emitted once. */
  ack_overdue_at: IsoTimestamp | null;
  status_card_activity_id: string | null;
  status_card_conversation_id: string | null;
  /** Optimistic-concurrency counter, starts at 1. */
  version: Generated<number>;
  submission_key: string;
  remote_id: string | null;
  remote_state: Generated<RemoteState>;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
  /** 003: the publisher's IANA time zone from the Teams activity, for times in notifications. */
  reporter_time_zone: string | null;
  /** 003: JSON array of the questions support asked that are not answered yet. */
  open_questions: Generated<JsonText>;
  closed_at: IsoTimestamp | null;
  close_reason: string | null;
  /** 003: tries to deliver a locally kept report to the remote ticket service. */
  delivery_attempts: Generated<number>;
  next_delivery_at: IsoTimestamp | null;
  last_delivery_error: string | null;
  /** 004: Teams answered 403/404 for the publisher's chat (shown to support; cleared by a later delivery). */
  publisher_unreachable_at: IsoTimestamp | null;
  publisher_unreachable_reason: string | null;
  /** 009: JSON array of what the publisher added to the report after submission. */
  additions: Generated<JsonText>;
  /** 013: GDPR Art. 33 — when the 72 hours to notify the authority run out (incidents with personal data). */
  breach_due_at: IsoTimestamp | null;
  /** 013: when the publisher marked the authority notified. */
  breach_notified_at: IsoTimestamp | null;
  /** 013: when the one reminder before the deadline went out. */
  breach_reminded_at: IsoTimestamp | null;
  /**
   * 016: the version the active support channel's card shows (0 once its card row exists), null with no
   * card there; never ahead of support_channel_cards.shown_version. Indexed where the card needs work.
   */
  support_card_version: number | null;
}

export interface TicketEventsTable {
  /** UUID; also the event id a remote backend's webhook carries, which makes redelivery idempotent. */
  id: string;
  ticket_id: string;
  /** 1, 2, 3… per ticket. */
  seq: number;
  type: string;
  actor_kind: ActorKind;
  actor_id: string;
  actor_name: string | null;
  payload: JsonText;
  created_at: IsoTimestamp;
}

export interface OutboxTable {
  /** Integer identity (AUTOINCREMENT on SQLite, IDENTITY on PostgreSQL). */
  id: Generated<number>;
  event_id: string;
  ticket_id: string;
  state: OutboxState;
  attempts: Generated<number>;
  next_attempt_at: IsoTimestamp;
  lease_owner: string | null;
  lease_expires_at: IsoTimestamp | null;
  sent_at: IsoTimestamp | null;
  last_error: string | null;
  created_at: IsoTimestamp;
  /** 004: 429 answers, counted apart from failures so throttling never dead-letters an event. */
  throttled: Generated<number>;
}

/** Responses remembered per Idempotency-Key, so a retried API call returns the first answer. */
export interface IdempotencyKeysTable {
  key: string;
  scope: string;
  response: JsonText;
  created_at: IsoTimestamp;
}

export interface Database {
  bot_state: BotStateTable;
  conversation_references: ConversationReferencesTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  /** 005: support's Teams channel (src/bot/support-channel). */
  support_channel_codes: SupportChannelCodesTable;
  support_channels: SupportChannelsTable;
  support_channel_cards: SupportChannelCardsTable;
  /** 008: recent calls per conversation, for Teams' sliding per-conversation limits on PostgreSQL. */
  notify_send_log: NotifySendLogTable;
  /** 009: every card posted about a ticket in a publisher's chat, kept true in place. */
  publisher_cards: PublisherCardsTable;
  /** 011: every version of every customer communication drafted about a ticket. */
  customer_drafts: CustomerDraftsTable;
  /** 012: files of evidence (metadata; the encrypted contents are in the file vault). */
  evidence_files: EvidenceFilesTable;
}

export type ScanStatus = 'pending' | 'clean' | 'malicious';

export interface EvidenceFilesTable {
  id: string;
  /** Null while the file is held with a report draft. */
  ticket_id: string | null;
  tenant_id: string;
  draft_id: string | null;
  uploader_id: string;
  uploader_name: string | null;
  name: string;
  kind: string;
  media_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  wrapped_key: string;
  key_id: string;
  scan_status: ScanStatus;
  scan_detail: string | null;
  scanned_at: IsoTimestamp | null;
  created_at: IsoTimestamp;
}

export interface CustomerDraftsTable {
  id: string;
  ticket_id: string;
  format: 'email' | 'short' | 'csaf' | 'gdpr';
  language: string;
  tone: string;
  version: number;
  origin: 'drafted' | 'publisher' | 'support';
  status: 'private' | 'shared' | 'proposed' | 'edited' | 'declined';
  based_on: string | null;
  note: string | null;
  subject: string | null;
  body: string;
  placeholders: JsonText;
  made_from_version: number;
  basis: JsonText;
  fingerprint: string;
  outdated_at: IsoTimestamp | null;
  created_at: IsoTimestamp;
  actor_kind: ActorKind;
  actor_id: string;
  actor_name: string | null;
}

export type PublisherCardKind = 'status' | 'timeline' | 'question' | 'draft';

export interface PublisherCardsTable {
  id: Generated<number>;
  ticket_id: string;
  conversation_id: string;
  activity_id: string;
  kind: PublisherCardKind;
  locale: string;
  time_zone: string | null;
  /** Who asked for a `status` card (their own actions read "You"). */
  viewer_id: string | null;
  /** A question card's question: its history entry. */
  question_seq: number | null;
  /** For a draft card: the draft it shows (customer_drafts.id). */
  draft_id: string | null;
  created_at: IsoTimestamp;
  gone_at: IsoTimestamp | null;
}

export interface NotifySendLogTable {
  id: Generated<number>;
  conversation_id: string;
  /** Epoch milliseconds (an integer: compared and subtracted, never shown). */
  sent_at_ms: number;
}

export type BotStateRow = Selectable<BotStateTable>;
export type ConversationReferenceRow = Selectable<ConversationReferencesTable>;
export type NewConversationReferenceRow = Insertable<ConversationReferencesTable>;
export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
export type NewTicketEventRow = Insertable<TicketEventsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
export type OutboxUpdate = Updateable<OutboxTable>;
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;
export type NewIdempotencyKeyRow = Insertable<IdempotencyKeysTable>;

export interface SupportChannelCodesTable {
  /** SHA-256 (hex) of the canonical code; the code itself is never stored. */
  code_hash: string;
  issued_by_id: string;
  issued_by_name: string | null;
  issued_at: IsoTimestamp;
  expires_at: IsoTimestamp;
  used_at: IsoTimestamp | null;
  used_by_id: string | null;
}

export interface SupportChannelsTable {
  id: string;
  /** channelData.team.id of the team the channel belongs to. */
  team_id: string;
  /** The channel's conversation id, without any ';messageid=' thread suffix. */
  conversation_id: string;
  /** Entra tenant of the person who bound it; invokes from another tenant are refused. */
  tenant_id: string;
  team_name: string | null;
  channel_name: string | null;
  /** Where the bot posts: the ProactiveAddress as JSON. */
  reference: JsonText;
  registered_by_id: string;
  registered_by_name: string | null;
  registered_at: IsoTimestamp;
  active: Generated<IntBool>;
  ended_at: IsoTimestamp | null;
  ended_by_id: string | null;
  ended_reason: 'replaced' | 'unregistered' | null;
}

export interface SupportChannelCardsTable {
  binding_id: string;
  ticket_id: string;
  /** The posted card's activity id; null until the connector confirmed the post. */
  activity_id: string | null;
  /** The ticket version the card in Teams shows; 0 before the first post. */
  shown_version: Generated<number>;
  /** 009: the last history entry support was told of in the channel (a publisher's reply, …). */
  shown_seq: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: IsoTimestamp | null;
  attempts: Generated<number>;
  next_attempt_at: IsoTimestamp | null;
  last_error: string | null;
  updated_at: IsoTimestamp;
}
