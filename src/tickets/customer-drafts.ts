import type { Kysely, Transaction } from 'kysely';
import { createHash } from 'node:crypto';
import {
  canonicalBasis,
  draftBasis,
  type CustomerDraft,
  type DraftBasis,
  type DraftFormat,
  type DraftLanguage,
  type DraftStatus,
  type DraftTone,
} from '../domain/notice';
import type { CustomerDraftRef, Ticket } from '../domain/ticket';
import type { CustomerDraftsTable, Database } from '../store/tables';
import { compileOnce } from '../store/compile-once';
import { isUniqueViolation } from '../store/is-unique-violation';

/** A draft to store: its version is the next of its format and language, given by the store. */
export type NewCustomerDraft = Omit<CustomerDraft, 'version'>;

/**
 * A write to the drafts that belongs to a ticket change (TicketStore.saveChange's `drafts`). An insert
 * brings its version (the event announcing it names it); a version taken meanwhile fails the change.
 */
export type DraftWrite =
  | { readonly kind: 'insert'; readonly draft: CustomerDraft }
  | { readonly kind: 'status'; readonly draftId: string; readonly status: DraftStatus };

type Db = Kysely<Database> | Transaction<Database>;

/** The unique constraint on a draft's version (customer_drafts_version_unique). */
export const draftVersionColumns = ['ticket_id', 'format', 'language', 'version'] as const;

/**
 * Every version of the customer communications drafted about a ticket (src/tickets: the one owner of
 * ticket data). A draft stores the facts it was made from, so whether it is out of date — and what
 * changed — is decided against the ticket as it is, whatever instance made it.
 */
export class CustomerDrafts {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a draft outside any ticket change (made or edited privately); returns it with its version. */
  async insert(ticketId: string, draft: NewCustomerDraft): Promise<CustomerDraft> {
    // Two drafts of the same format and language at once race for the version: the loser takes the next.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.db.transaction().execute((trx) => insertDraft(trx, ticketId, draft));
      } catch (error) {
        if (
          attempt < 3 &&
          isUniqueViolation(error, { table: 'customer_drafts', columns: draftVersionColumns })
        )
          continue;
        throw error;
      }
    }
  }

  /** The ticket's drafts, oldest first. */
  async list(ticketId: string): Promise<CustomerDraft[]> {
    const rows = await this.db
      .selectFrom('customer_drafts')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .orderBy('version')
      .execute();
    return rows.map(draftFromRow);
  }

  async get(ticketId: string, draftId: string): Promise<CustomerDraft | undefined> {
    const row = await this.db
      .selectFrom('customer_drafts')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .where('id', '=', draftId)
      .executeTakeFirst();
    return row && draftFromRow(row);
  }
}

/** Applies draft writes inside a ticket change's transaction. */
export async function writeDrafts(
  trx: Transaction<Database>,
  ticketId: string,
  writes: readonly DraftWrite[],
): Promise<void> {
  for (const write of writes) {
    if (write.kind === 'insert') {
      await insertDraft(trx, ticketId, write.draft, write.draft.version);
    } else {
      await trx
        .updateTable('customer_drafts')
        .set({ status: write.status })
        .where('ticket_id', '=', ticketId)
        .where('id', '=', write.draftId)
        .execute();
    }
  }
}

/** The states of a draft someone may still send (declined and answered proposals are history). */
export const liveDraftStatuses = ['private', 'shared', 'proposed'] as const;

/** A ticket's drafts that are still current, oldest first. */
const liveDrafts = compileOnce(1, (db: Kysely<Database>, ticketId: string) =>
  db
    .selectFrom('customer_drafts')
    .select(['id', 'format', 'language', 'version', 'fingerprint', 'basis'])
    .where('ticket_id', '=', ticketId)
    .where('outdated_at', 'is', null)
    .where('status', 'in', liveDraftStatuses)
    .orderBy('created_at'),
);

/**
 * Marks out of date, inside a ticket change's transaction, the drafts not yet marked whose facts differ
 * from the ticket's new ones; returns them, so the change can tell the publisher. Declined and answered
 * proposals are history, not drafts anyone will send: they are left alone.
 */
export async function markOutdatedDrafts(
  trx: Transaction<Database>,
  ticketId: string,
  next: Ticket,
  at: string,
): Promise<Array<CustomerDraftRef & { readonly basis: DraftBasis }>> {
  const { rows } = await liveDrafts(trx, ticketId);
  if (rows.length === 0) return [];
  const fingerprints = new Map<string, string>();
  const fingerprintFor = (format: DraftFormat) => {
    let fingerprint = fingerprints.get(format);
    if (!fingerprint) fingerprints.set(format, (fingerprint = basisFingerprint(draftBasis(next, format))));
    return fingerprint;
  };
  const outdated = rows.filter((row) => row.fingerprint !== fingerprintFor(row.format));
  if (outdated.length === 0) return [];
  await trx
    .updateTable('customer_drafts')
    .set({ outdated_at: at })
    .where(
      'id',
      'in',
      outdated.map((row) => row.id),
    )
    .execute();
  return outdated.map((row) => ({
    draftId: row.id,
    format: row.format,
    language: row.language,
    version: Number(row.version),
    basis: JSON.parse(row.basis) as DraftBasis,
  }));
}

async function insertDraft(
  trx: Db,
  ticketId: string,
  draft: NewCustomerDraft,
  given?: number,
): Promise<CustomerDraft> {
  const version = given ?? (await nextVersion(trx, ticketId, draft));
  await trx
    .insertInto('customer_drafts')
    .values({
      id: draft.id,
      ticket_id: ticketId,
      format: draft.format,
      language: draft.language,
      tone: draft.tone,
      version,
      origin: draft.origin,
      status: draft.status,
      based_on: draft.basedOn ?? null,
      note: draft.note ?? null,
      subject: draft.subject ?? null,
      body: draft.body,
      placeholders: JSON.stringify(draft.placeholders),
      made_from_version: draft.madeFromVersion,
      basis: JSON.stringify(draft.basis),
      fingerprint: basisFingerprint(draft.basis),
      outdated_at: null,
      created_at: draft.createdAt,
      actor_kind: draft.createdBy.kind,
      actor_id: draft.createdBy.id,
      actor_name: draft.createdBy.name ?? null,
    })
    .execute();
  return { ...draft, version };
}

async function nextVersion(trx: Db, ticketId: string, draft: NewCustomerDraft): Promise<number> {
  const last = await trx
    .selectFrom('customer_drafts')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('ticket_id', '=', ticketId)
    .where('format', '=', draft.format)
    .where('language', '=', draft.language)
    .executeTakeFirst();
  return Number(last?.version ?? 0) + 1;
}

function draftFromRow(row: CustomerDraftsTable): CustomerDraft {
  return {
    id: row.id,
    format: row.format as DraftFormat,
    language: row.language as DraftLanguage,
    tone: row.tone as DraftTone,
    version: Number(row.version),
    origin: row.origin,
    status: row.status,
    ...(row.based_on ? { basedOn: row.based_on } : {}),
    ...(row.note ? { note: row.note } : {}),
    ...(row.subject !== null ? { subject: row.subject } : {}),
    body: row.body,
    placeholders: JSON.parse(row.placeholders) as string[],
    madeFromVersion: Number(row.made_from_version),
    basis: JSON.parse(row.basis) as DraftBasis,
    createdAt: row.created_at,
    createdBy: {
      kind: row.actor_kind,
      id: row.actor_id,
      ...(row.actor_name ? { name: row.actor_name } : {}),
    },
  };
}

/** A short, stable hash of the facts a draft was made from: equal bases, equal fingerprints. */
function basisFingerprint(basis: DraftBasis): string {
  return createHash('sha256').update(canonicalBasis(basis)).digest('base64url').slice(0, 32);
}
