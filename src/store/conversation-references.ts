import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../domain/clock';
import { compileOnce } from './compile-once';
import type {
  ConversationReferenceRecord,
  StoredConversationReference,
} from './stored-conversation-reference';
import type { ConversationReferenceRow, ConversationType, Database } from './tables';

/** The reference failed validation; nothing was stored. */
export class InvalidConversationReferenceError extends Error {
  constructor(problem: string) {
    super(`Invalid conversation reference: ${problem}`);
    this.name = 'InvalidConversationReferenceError';
  }
}

const CONVERSATION_TYPES: readonly ConversationType[] = ['personal', 'groupChat', 'channel'];

/** Every turn stores its reference: the upsert is built and compiled once (src/store/compile-once.ts). */
/** A person's active 1:1 chats with the bot, the latest first. */
const personalReferences = compileOnce(2, (db: Kysely<Database>, tenantId: string, userId: string) =>
  db
    .selectFrom('conversation_references')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('conversation_type', '=', 'personal')
    .where('active', '=', 1)
    .orderBy('updated_at', 'desc')
    .orderBy('conversation_id'),
);
const upsertReference = compileOnce(
  10,
  (
    db: Kysely<Database>,
    tenantId: string,
    userId: string,
    conversationId: string,
    conversationType: ConversationType,
    channelId: string,
    serviceUrl: string,
    botId: string,
    locale: string | null,
    reference: string,
    now: string,
  ) =>
    db
      .insertInto('conversation_references')
      .values({
        tenant_id: tenantId,
        user_id: userId,
        conversation_id: conversationId,
        conversation_type: conversationType,
        channel_id: channelId,
        service_url: serviceUrl,
        bot_id: botId,
        locale,
        reference,
        active: 1,
        inactive_reason: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'user_id', 'conversation_id']).doUpdateSet((eb) => ({
          conversation_type: eb.ref('excluded.conversation_type'),
          channel_id: eb.ref('excluded.channel_id'),
          service_url: eb.ref('excluded.service_url'),
          bot_id: eb.ref('excluded.bot_id'),
          locale: eb.fn.coalesce('excluded.locale', 'conversation_references.locale'),
          reference: eb.ref('excluded.reference'),
          active: 1,
          inactive_reason: null,
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
);

/** The JSON kept in the `reference` column: the ConversationReference fields, minus the locale column. */
type ReferenceJson = Omit<StoredConversationReference, 'tenantId' | 'userId' | 'conversationType' | 'locale'>;

/**
 * How long a reference this process wrote stands without being written again when a turn brings nothing
 * new: every turn carries a reference, but only its activity id changes from one message to the next, and
 * writing it anyway was a statement per turn (a round trip on PostgreSQL). `updated_at` orders a person's
 * chats for proactive messages; it stays right to this interval (docs/decisions/turn-performance.md).
 */
export const REFERENCE_REFRESH_MS = 60_000;
/** References written recently; beyond this many the oldest are forgotten (and simply written next time). */
const MAX_REMEMBERED = 10_000;

interface WrittenReference {
  readonly tenantId: string;
  readonly userId: string;
  readonly conversationId: string;
  readonly values: string;
  readonly at: number;
}

/** Where proactive messages go, one row per (tenant, user, conversation). */
export class ConversationReferences {
  /** Per (tenant, user, conversation): what this process last wrote, without the activity id, and when. */
  private readonly written = new Map<string, WrittenReference>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Stores the reference, or refreshes it: it becomes active again and keeps its `createdAt`. A missing
   * locale leaves the stored one in place. The same reference (all but the activity id) written by this
   * process less than REFERENCE_REFRESH_MS ago is not written again; marking the conversation inactive or
   * setting its language here forgets that, so the next turn writes.
   */
  async upsert(ref: StoredConversationReference): Promise<void> {
    const nowMs = this.clock.now().getTime();
    const key = JSON.stringify([ref.tenantId, ref.userId, ref.conversation?.id]);
    // The reference as given, but its activity id: the same as one validated and written means the same row.
    const { activityId: _activityId, ...lasting } = ref;
    const values = JSON.stringify(lasting);
    const last = this.written.get(key);
    if (last && last.values === values && nowMs - last.at >= 0 && nowMs - last.at < REFERENCE_REFRESH_MS)
      return;
    const json = validated(ref);
    await upsertReference(
      this.db,
      ref.tenantId,
      ref.userId,
      ref.conversation.id,
      ref.conversationType,
      ref.channelId,
      ref.serviceUrl,
      ref.bot.id,
      ref.locale ?? null,
      JSON.stringify(json),
      new Date(nowMs).toISOString(),
    );
    this.written.delete(key);
    this.written.set(key, {
      tenantId: ref.tenantId,
      userId: ref.userId,
      conversationId: ref.conversation.id,
      values,
      at: nowMs,
    });
    if (this.written.size > MAX_REMEMBERED) this.written.delete(this.written.keys().next().value!);
  }

  /** Forgets what was written for a conversation (every user in it, or one), so the next turn writes. */
  private forget(conversationId: string, userId?: string, tenantId?: string): void {
    for (const [key, written] of this.written) {
      if (
        written.conversationId === conversationId &&
        (userId === undefined || written.userId === userId) &&
        (tenantId === undefined || written.tenantId === tenantId)
      )
        this.written.delete(key);
    }
  }

  /** The user's active personal chats with the bot, most recently seen first. */
  async findForUser(tenantId: string, userId: string): Promise<ConversationReferenceRecord[]> {
    const { rows } = await personalReferences(this.db, tenantId, userId);
    return rows.map(toRecord);
  }

  /**
   * Where the tenant's users were last seen (Teams' service URL, channel, bot id), to open a 1:1 chat with
   * one of them who has none saved. Active references first.
   */
  async serviceAddressForTenant(
    tenantId: string,
  ): Promise<{ serviceUrl: string; channelId: string; botId: string } | undefined> {
    const row = await this.db
      .selectFrom('conversation_references')
      .select(['service_url', 'channel_id', 'bot_id'])
      .where('tenant_id', '=', tenantId)
      .orderBy('active', 'desc')
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { serviceUrl: row.service_url, channelId: row.channel_id, botId: row.bot_id };
  }

  /** One reference, active or not. */
  async get(
    tenantId: string,
    userId: string,
    conversationId: string,
  ): Promise<ConversationReferenceRecord | undefined> {
    const row = await this.db
      .selectFrom('conversation_references')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Every user's reference to one conversation, most recently seen first; only active ones unless asked. */
  async findByConversation(
    conversationId: string,
    options: { includeInactive?: boolean } = {},
  ): Promise<ConversationReferenceRecord[]> {
    let query = this.db
      .selectFrom('conversation_references')
      .selectAll()
      .where('conversation_id', '=', conversationId);
    if (!options.includeInactive) query = query.where('active', '=', 1);
    const rows = await query.orderBy('updated_at', 'desc').orderBy('user_id').execute();
    return rows.map(toRecord);
  }

  /**
   * Stops proactive messages to a conversation (for one user, or everyone in it). Already inactive
   * references keep their first reason. Returns how many references changed.
   */
  async markInactive(conversationId: string, reason: string, userId?: string): Promise<number> {
    this.forget(conversationId, userId);
    let query = this.db
      .updateTable('conversation_references')
      .set({ active: 0, inactive_reason: reason, updated_at: this.clock.now().toISOString() })
      .where('conversation_id', '=', conversationId)
      .where('active', '=', 1);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Sets (or with null, clears) the language for messages in this conversation. False if not stored. */
  async setLocale(
    tenantId: string,
    userId: string,
    conversationId: string,
    locale: string | null,
  ): Promise<boolean> {
    if (locale !== null && !isNonEmptyString(locale)) {
      throw new InvalidConversationReferenceError('locale must be a non-empty string or null');
    }
    this.forget(conversationId, userId, tenantId);
    const result = await this.db
      .updateTable('conversation_references')
      .set({ locale, updated_at: this.clock.now().toISOString() })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}

/** Checks what a proactive send relies on and keeps only the known fields, so junk is never stored. */
function validated(ref: StoredConversationReference): ReferenceJson {
  const required: [string, unknown][] = [
    ['tenantId', ref.tenantId],
    ['userId', ref.userId],
    ['user.id', ref.user?.id],
    ['bot.id', ref.bot?.id],
    ['conversation.id', ref.conversation?.id],
    ['channelId', ref.channelId],
    ['serviceUrl', ref.serviceUrl],
  ];
  for (const [name, value] of required) {
    if (!isNonEmptyString(value))
      throw new InvalidConversationReferenceError(`${name} must be a non-empty string`);
  }
  if (!CONVERSATION_TYPES.includes(ref.conversationType)) {
    throw new InvalidConversationReferenceError(
      `conversationType must be one of ${CONVERSATION_TYPES.join(', ')}`,
    );
  }
  if (!isHttpUrl(ref.serviceUrl))
    throw new InvalidConversationReferenceError('serviceUrl must be an http(s) URL');
  if (ref.conversation.tenantId !== undefined && ref.conversation.tenantId !== ref.tenantId) {
    throw new InvalidConversationReferenceError('conversation.tenantId differs from tenantId');
  }
  if (ref.locale !== undefined && !isNonEmptyString(ref.locale)) {
    throw new InvalidConversationReferenceError('locale must be a non-empty string when present');
  }

  return {
    ...optional('activityId', ref.activityId),
    user: {
      id: ref.user.id,
      ...optional('name', ref.user.name),
      ...optional('aadObjectId', ref.user.aadObjectId),
    },
    bot: { id: ref.bot.id, ...optional('name', ref.bot.name) },
    conversation: {
      id: ref.conversation.id,
      ...optional('conversationType', ref.conversation.conversationType),
      ...optional('tenantId', ref.conversation.tenantId),
      ...optional('isGroup', ref.conversation.isGroup),
      ...optional('name', ref.conversation.name),
    },
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
  };
}

function toRecord(row: ConversationReferenceRow): ConversationReferenceRecord {
  let reference: ReferenceJson;
  try {
    reference = JSON.parse(row.reference) as ReferenceJson;
  } catch (err) {
    throw new Error(
      `Stored conversation reference for conversation ${row.conversation_id} is not valid JSON`,
      {
        cause: err,
      },
    );
  }
  return {
    ...reference,
    // The columns are the source of truth for what the row is keyed and filtered by.
    tenantId: row.tenant_id,
    userId: row.user_id,
    conversationType: row.conversation_type,
    channelId: row.channel_id,
    serviceUrl: row.service_url,
    ...optional('locale', row.locale ?? undefined),
    active: Number(row.active) === 1,
    inactiveReason: row.inactive_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
