import { sql } from 'kysely';
import { timestampType, type StoreMigration } from './store-migration';

/**
 * Files of evidence (docs/decisions/evidence-files.md): one row per file, metadata only — the contents,
 * encrypted, are in the file vault (disk or Azure Blob Storage) under `storage_key`. A file sent while a
 * report is still a draft is held with the draft (`draft_id`, no ticket yet) and given to the ticket
 * when the report is submitted. The same content (SHA-256) is on a ticket once.
 */
export const evidenceFiles: StoreMigration = {
  async up(db, engine) {
    const timestamp = timestampType(engine);
    await db.schema
      .createTable('evidence_files')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('ticket_id', 'text', (col) => col.references('tickets.id'))
      .addColumn('tenant_id', 'text', (col) => col.notNull())
      .addColumn('draft_id', 'text')
      .addColumn('uploader_id', 'text', (col) => col.notNull())
      .addColumn('uploader_name', 'text')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('media_type', 'text', (col) => col.notNull())
      .addColumn('size', 'integer', (col) => col.notNull())
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('storage_key', 'text', (col) => col.notNull())
      .addColumn('wrapped_key', 'text', (col) => col.notNull())
      .addColumn('key_id', 'text', (col) => col.notNull())
      .addColumn('scan_status', 'text', (col) =>
        col.notNull().check(sql`scan_status in ('pending', 'clean', 'malicious')`),
      )
      .addColumn('scan_detail', 'text')
      .addColumn('scanned_at', timestamp)
      .addColumn('created_at', timestamp, (col) => col.notNull())
      .addCheckConstraint('evidence_files_owner', sql`ticket_id is not null or draft_id is not null`)
      .addUniqueConstraint('evidence_files_ticket_content', ['ticket_id', 'sha256'])
      .addUniqueConstraint('evidence_files_draft_content', ['draft_id', 'sha256'])
      .execute();
    await db.schema
      .createIndex('evidence_files_draft_idx')
      .on('evidence_files')
      .columns(['tenant_id', 'draft_id'])
      .execute();
  },
};
