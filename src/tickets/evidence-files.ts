import type { Kysely, Selectable, Transaction } from 'kysely';
import { applyEvent, applyEvents, type Actor, type Ticket, type TicketEvent } from '../domain/ticket';
import { isUniqueViolation } from '../store/is-unique-violation';
import type { Database, EvidenceFilesTable, ScanStatus } from '../store/tables';
import { appendTicketEvents } from './append-events';
import { storedTicketFromRow, ticketChangeColumns } from './ticket-rows';

/** A file of evidence as the store keeps it: metadata only; the encrypted contents are in the vault. */
export interface EvidenceFile {
  readonly id: string;
  /** Absent while the file is held with a report draft. */
  readonly ticketId?: string;
  readonly tenantId: string;
  readonly draftId?: string;
  readonly uploader: Actor;
  /** Sanitised; safe to show and to offer as a download name. */
  readonly name: string;
  readonly kind: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  /** Where the vault keeps the sealed contents. */
  readonly storageKey: string;
  /** The file's own key, wrapped by the configured key (base64). */
  readonly wrappedKey: string;
  /** Which configured key wrapped it (a fingerprint, never the key). */
  readonly keyId: string;
  readonly scan: { readonly status: ScanStatus; readonly detail?: string; readonly at?: string };
  readonly createdAt: string;
}

export type NewEvidenceFile = Omit<EvidenceFile, 'ticketId' | 'draftId' | 'scan'>;

/** How much is on a ticket (or held with a draft) already. */
export interface EvidenceUsage {
  readonly count: number;
  readonly bytes: number;
}

export interface EvidenceLimits {
  readonly maxFilesPerTicket: number;
  readonly maxTicketBytes: number;
}

export type AddEvidenceResult =
  | { readonly status: 'added'; readonly file: EvidenceFile; readonly confirmationNumber: string }
  | { readonly status: 'duplicate'; readonly existing: EvidenceFile }
  | { readonly status: 'tooMany'; readonly usage: EvidenceUsage }
  | { readonly status: 'ticketFull'; readonly usage: EvidenceUsage }
  /** The ticket's state takes no files (closed), or the ticket is gone. */
  | { readonly status: 'closed' };

/** Attempts at the version-checked write before a busy ticket is given up on. */
const maxAttempts = 5;

/**
 * The one owner of the `evidence_files` table (docs/decisions/module-map.md): a file's row is written in
 * the same transaction as the ticket's `evidence_added` event (and the ticket's version bump, so the
 * triage card shows it), and limits and duplicates are checked inside that transaction, so two files
 * racing for the last room on a ticket cannot both get it. Hands out `EvidenceFile`, never rows.
 */
export class EvidenceFiles {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly onOutboxWritten: () => void = () => {},
  ) {}

  /** Stores a file's row on an open ticket with its event, or says why not (nothing is written then). */
  async addToTicket(
    ticketId: string,
    file: NewEvidenceFile,
    limits: EvidenceLimits,
  ): Promise<AddEvidenceResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('tickets')
            .selectAll()
            .where('id', '=', ticketId)
            .executeTakeFirst();
          if (!row) return { status: 'closed' } as const;
          const { ticket } = storedTicketFromRow(row);
          const existing = await findByContent(trx, { ticketId }, file.sha256);
          if (existing) return { status: 'duplicate', existing } as const;
          const refused = await checkRoom(trx, { ticketId }, file.size, limits);
          if (refused) return refused;
          const outcome = await writeEvents(trx, ticketId, ticket, [addedEvent(file)], file.createdAt);
          if (outcome !== 'saved') return outcome;
          await trx.insertInto('evidence_files').values(fileRow(file, { ticketId })).execute();
          return {
            status: 'added',
            file: { ...file, ticketId, scan: { status: 'pending' } },
            confirmationNumber: ticket.confirmationNumber,
          } as const;
        });
        if (result === 'conflict') {
          if (attempt < maxAttempts) continue;
          throw new Error('evidence: the ticket kept changing while a file was added');
        }
        if (result.status === 'added') this.onOutboxWritten();
        return result;
      } catch (error) {
        // The same content raced in from another turn: the unique constraint decided.
        if (isUniqueViolation(error, { table: 'evidence_files', columns: ['ticket_id', 'sha256'] })) {
          const existing = await findByContent(this.db, { ticketId }, file.sha256);
          if (existing) return { status: 'duplicate', existing };
        }
        if (
          isUniqueViolation(error, { table: 'ticket_events', columns: ['ticket_id', 'seq'] }) &&
          attempt < maxAttempts
        )
          continue;
        throw error;
      }
    }
  }

  /** Keeps a file with a report draft until it is submitted (`attachHeld`); same limits as a ticket's. */
  async holdForDraft(
    draftId: string,
    file: NewEvidenceFile,
    limits: EvidenceLimits,
  ): Promise<
    Exclude<AddEvidenceResult, { status: 'added' | 'closed' }> | { status: 'held'; file: EvidenceFile }
  > {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const existing = await findByContent(trx, { draftId, tenantId: file.tenantId }, file.sha256);
        if (existing) return { status: 'duplicate', existing } as const;
        const refused = await checkRoom(trx, { draftId, tenantId: file.tenantId }, file.size, limits);
        if (refused) return refused;
        await trx.insertInto('evidence_files').values(fileRow(file, { draftId })).execute();
        return { status: 'held', file: { ...file, draftId, scan: { status: 'pending' } } } as const;
      });
    } catch (error) {
      if (!isUniqueViolation(error, { table: 'evidence_files', columns: ['draft_id', 'sha256'] }))
        throw error;
      const existing = await findByContent(this.db, { draftId, tenantId: file.tenantId }, file.sha256);
      if (!existing) throw error;
      return { status: 'duplicate', existing };
    }
  }

  /** Whether any file is held with the draft: most reports have none, and then a submit needs no transaction. */
  async hasHeld(tenantId: string, draftId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('evidence_files')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('draft_id', '=', draftId)
      .where('ticket_id', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Gives the files held with a draft to the ticket it became, each with its `evidence_added` event, in
   * one transaction. Returns the files given (none when nothing was held or the ticket takes no files).
   */
  async attachHeld(tenantId: string, draftId: string, ticketId: string): Promise<EvidenceFile[]> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.db.transaction().execute(async (trx) => {
        const held = await trx
          .selectFrom('evidence_files')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('draft_id', '=', draftId)
          .where('ticket_id', 'is', null)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        if (held.length === 0) return [];
        const row = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
        if (!row || row.tenant_id !== tenantId) return [];
        const { ticket } = storedTicketFromRow(row);
        const files = held.map(fileFromRow);
        const at = files.at(-1)?.createdAt ?? ticket.updatedAt;
        const outcome = await writeEvents(
          trx,
          ticketId,
          ticket,
          files.map(addedEvent),
          laterOf(at, ticket.updatedAt),
        );
        if (outcome === 'conflict') return 'conflict' as const;
        if (outcome !== 'saved') return [];
        await trx
          .updateTable('evidence_files')
          .set({ ticket_id: ticketId })
          .where(
            'id',
            'in',
            files.map((file) => file.id),
          )
          .execute();
        return files.map((file) => ({ ...file, ticketId }));
      });
      if (result === 'conflict') {
        if (attempt < maxAttempts) continue;
        throw new Error('evidence: the ticket kept changing while held files were attached');
      }
      if (result.length > 0) this.onOutboxWritten();
      return result;
    }
  }

  async listForTicket(ticketId: string): Promise<EvidenceFile[]> {
    const rows = await this.db
      .selectFrom('evidence_files')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(fileFromRow);
  }

  async usageOfTicket(ticketId: string): Promise<EvidenceUsage> {
    return usageOf(this.db, { ticketId });
  }

  async usageOfDraft(tenantId: string, draftId: string): Promise<EvidenceUsage> {
    return usageOf(this.db, { draftId, tenantId });
  }

  /** One file of the ticket; undefined when the ticket has no such file (another ticket's id included). */
  async findOnTicket(ticketId: string, fileId: string): Promise<EvidenceFile | undefined> {
    const row = await this.db
      .selectFrom('evidence_files')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .where('id', '=', fileId)
      .executeTakeFirst();
    return row && fileFromRow(row);
  }

  /**
   * Records that someone downloaded the file: an `evidence_downloaded` event on the ticket. A fact for the
   * audit trail, not a change: the ticket's version (its ETag) stays, and nobody is notified.
   */
  async recordDownload(ticketId: string, file: EvidenceFile, actor: Actor, at: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
      if (!row) return false;
      const event: TicketEvent = {
        type: 'evidence_downloaded',
        actor,
        at,
        data: { fileId: file.id, name: file.name, size: file.size, sha256: file.sha256 },
      };
      if (!applyEvent(storedTicketFromRow(row).ticket, event)) return false;
      await appendTicketEvents(trx, ticketId, [event], { outbox: false, now: at });
      return true;
    });
  }

  /** The scanner's verdict; false when the ticket has no such file. */
  async setScan(
    ticketId: string,
    fileId: string,
    scan: { status: ScanStatus; detail?: string; at: string },
  ): Promise<EvidenceFile | undefined> {
    const result = await this.db
      .updateTable('evidence_files')
      .set({ scan_status: scan.status, scan_detail: scan.detail ?? null, scanned_at: scan.at })
      .where('ticket_id', '=', ticketId)
      .where('id', '=', fileId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return undefined;
    return this.findOnTicket(ticketId, fileId);
  }

  /**
   * Forgets files held with drafts that were never submitted (cancelled, expired) since before `cutoff`,
   * returning their storage keys so the vault can delete the contents.
   */
  async removeHeldBefore(cutoff: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('evidence_files')
      .select(['id', 'storage_key'])
      .where('ticket_id', 'is', null)
      .where('created_at', '<', cutoff)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    await this.db
      .deleteFrom('evidence_files')
      .where('ticket_id', 'is', null)
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
    return rows.map((row) => row.storage_key);
  }
}

type Owner = { readonly ticketId: string } | { readonly draftId: string; readonly tenantId: string };
type Db = Kysely<Database> | Transaction<Database>;

function addedEvent(file: NewEvidenceFile | EvidenceFile): TicketEvent {
  return {
    type: 'evidence_added',
    actor: file.uploader,
    at: file.createdAt,
    data: { fileId: file.id, name: file.name, size: file.size, sha256: file.sha256 },
  };
}

/** The ticket changed by the events (version bumped), only if nobody changed it since it was read. */
async function writeEvents(
  trx: Transaction<Database>,
  ticketId: string,
  ticket: Ticket,
  events: readonly TicketEvent[],
  at: string,
): Promise<'saved' | 'conflict' | { status: 'closed' }> {
  const next = applyEvents(ticket, events, at);
  if (!next) return { status: 'closed' };
  const updated = await trx
    .updateTable('tickets')
    .set(ticketChangeColumns(next))
    .where('id', '=', ticketId)
    .where('version', '=', ticket.version)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) return 'conflict';
  await appendTicketEvents(trx, ticketId, events, { outbox: true, now: at });
  return 'saved';
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

function whereOwner<Q extends { where: (...args: never[]) => Q }>(query: Q, owner: Owner): Q {
  type Where = (column: string, op: string, value: unknown) => Q;
  const where = query.where.bind(query) as unknown as Where;
  if ('ticketId' in owner) return where('ticket_id', '=', owner.ticketId);
  const byTenant = where('tenant_id', '=', owner.tenantId) as unknown as { where: Where };
  const byDraft = byTenant.where('draft_id', '=', owner.draftId) as unknown as { where: Where };
  return byDraft.where('ticket_id', 'is', null);
}

async function usageOf(db: Db, owner: Owner): Promise<EvidenceUsage> {
  const row = await whereOwner(db.selectFrom('evidence_files'), owner)
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('size').as('bytes')])
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

async function findByContent(db: Db, owner: Owner, sha256: string): Promise<EvidenceFile | undefined> {
  const row = await whereOwner(db.selectFrom('evidence_files'), owner)
    .selectAll()
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row && fileFromRow(row);
}

async function checkRoom(
  db: Db,
  owner: Owner,
  size: number,
  limits: EvidenceLimits,
): Promise<{ status: 'tooMany' | 'ticketFull'; usage: EvidenceUsage } | undefined> {
  const usage = await usageOf(db, owner);
  if (usage.count >= limits.maxFilesPerTicket) return { status: 'tooMany', usage };
  if (usage.bytes + size > limits.maxTicketBytes) return { status: 'ticketFull', usage };
  return undefined;
}

function fileRow(
  file: NewEvidenceFile,
  owner: { ticketId: string } | { draftId: string },
): EvidenceFilesTable {
  return {
    id: file.id,
    ticket_id: 'ticketId' in owner ? owner.ticketId : null,
    tenant_id: file.tenantId,
    draft_id: 'draftId' in owner ? owner.draftId : null,
    uploader_id: file.uploader.id,
    uploader_name: file.uploader.name ?? null,
    name: file.name,
    kind: file.kind,
    media_type: file.mediaType,
    size: file.size,
    sha256: file.sha256,
    storage_key: file.storageKey,
    wrapped_key: file.wrappedKey,
    key_id: file.keyId,
    scan_status: 'pending',
    scan_detail: null,
    scanned_at: null,
    created_at: file.createdAt,
  };
}

function fileFromRow(row: Selectable<EvidenceFilesTable>): EvidenceFile {
  return {
    id: row.id,
    ...(row.ticket_id ? { ticketId: row.ticket_id } : {}),
    tenantId: row.tenant_id,
    ...(row.draft_id ? { draftId: row.draft_id } : {}),
    uploader: {
      kind: 'publisher',
      id: row.uploader_id,
      ...(row.uploader_name ? { name: row.uploader_name } : {}),
    },
    name: row.name,
    kind: row.kind,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    storageKey: row.storage_key,
    wrappedKey: row.wrapped_key,
    keyId: row.key_id,
    scan: {
      status: row.scan_status,
      ...(row.scan_detail ? { detail: row.scan_detail } : {}),
      ...(row.scanned_at ? { at: row.scanned_at } : {}),
    },
    createdAt: row.created_at,
  };
}
