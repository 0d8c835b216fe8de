import type { Generated, Kysely } from 'kysely';
import type { Database, IntBool, IsoTimestamp, JsonText } from '../../store/tables';

/**
 * The tables migration 005 adds, as Kysely sees them. Kept here until src/store/tables.ts (shared) takes
 * them in; `supportChannelDb` is a typed view of the same connection, not a second one.
 */
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
  lease_owner: string | null;
  lease_expires_at: IsoTimestamp | null;
  attempts: Generated<number>;
  next_attempt_at: IsoTimestamp | null;
  last_error: string | null;
  updated_at: IsoTimestamp;
}

export interface SupportChannelDatabase extends Database {
  support_channel_codes: SupportChannelCodesTable;
  support_channels: SupportChannelsTable;
  support_channel_cards: SupportChannelCardsTable;
}

export function supportChannelDb(db: Kysely<Database>): Kysely<SupportChannelDatabase> {
  return db as unknown as Kysely<SupportChannelDatabase>;
}
