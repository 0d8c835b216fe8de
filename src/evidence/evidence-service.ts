import { createHash, randomUUID } from 'node:crypto';
import type { EvidenceSettings } from '../config';
import type { Clock } from '../domain/clock';
import type { Actor } from '../domain/ticket';
import type { Logger } from '../logger';
import type { ScanStatus } from '../store/tables';
import type { EvidenceFile, EvidenceFiles, NewEvidenceFile, TicketStore } from '../tickets';
import { detectFileType } from './detect-file-type';
import { fetchTeamsFile, type FetchRefusal } from './fetch-teams-file';
import { readDataUrl } from './read-data-url';
import { fileKinds } from './file-kinds';
import type { FileVault } from './file-vault';
import { sanitiseFileName } from './sanitise-file-name';
import { openSealedFile, sealFile, wrappingKeyId } from './seal-file';

/** A file Teams announced in an activity: a download URL (files) or a content URL (inline images). */
export interface IncomingFile {
  readonly source: 'download' | 'inline';
  readonly url: string;
  /** The name Teams gave; unchecked. */
  readonly name?: string;
}

/** Where a file goes: an open ticket of the tenant, or a report draft not yet submitted. */
export type IntakeTarget =
  | { readonly kind: 'ticket'; readonly tenantId: string; readonly confirmationNumber: string }
  | { readonly kind: 'draft'; readonly tenantId: string; readonly draftId: string };

export type IntakeRefusal =
  | FetchRefusal
  | 'disallowedType'
  | 'executable'
  | 'duplicate'
  | 'tooMany'
  | 'ticketFull'
  /** Unknown, another tenant's, closed, or filed with a remote service: one answer, no oracle. */
  | 'noTicket';

export type IntakeOutcome =
  | {
      readonly status: 'stored';
      readonly file: EvidenceFile;
      /** Absent for a file held with a draft. */
      readonly confirmationNumber?: string;
    }
  | {
      readonly status: 'refused';
      readonly reason: IntakeRefusal;
      /** The name as it would have been kept (or as Teams gave it), for the answer. */
      readonly name: string;
      /** The file already on the ticket, for a duplicate. */
      readonly existing?: EvidenceFile;
    };

export type DownloadOutcome =
  | { readonly status: 'ok'; readonly file: EvidenceFile; readonly contents: Buffer }
  | { readonly status: 'notFound' }
  | { readonly status: 'malicious'; readonly file: EvidenceFile }
  | { readonly status: 'notScanned'; readonly file: EvidenceFile };

export interface EvidenceServiceDeps {
  readonly files: EvidenceFiles;
  readonly tickets: TicketStore;
  readonly vault: FileVault;
  readonly wrappingKey: Buffer;
  readonly settings: EvidenceSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Replaces DNS for the fetch (tests). */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
}

/**
 * Evidence files from intake to download. Intake: fetch (allow-listed hosts only, no private
 * addresses), recognise the kind by content, hash, seal with a key of the file's own, store the sealed
 * bytes in the vault, then the row and the ticket's event in one transaction — and when that refuses
 * (duplicate, limits, a closed ticket), the sealed bytes are deleted again: nothing is half-stored.
 * Download: support only (the route checks), every download an event on the ticket, a malicious file
 * never served, and the contents checked against the SHA-256 recorded at intake.
 */
export class EvidenceService {
  private readonly keyId: string;

  constructor(private readonly deps: EvidenceServiceDeps) {
    this.keyId = wrappingKeyId(deps.wrappingKey);
  }

  get settings(): EvidenceSettings {
    return this.deps.settings;
  }

  async intake(
    target: IntakeTarget,
    incoming: IncomingFile,
    uploader: Actor,
    log: Logger,
    authorization?: string,
  ): Promise<IntakeOutcome> {
    const given = (incoming.name ?? '').slice(0, 200) || 'file';
    const refuse = (reason: IntakeRefusal, name = given, extra: Record<string, unknown> = {}) => {
      log.info(
        { event: 'evidence.refused', reason, target: target.kind, ...describeTarget(target), ...extra },
        'evidence file refused',
      );
      return { status: 'refused', reason, name } as const;
    };
    const { settings } = this.deps;
    const ticket = target.kind === 'ticket' ? await this.openTicket(target) : undefined;
    if (target.kind === 'ticket' && !ticket) return refuse('noTicket');
    const usage =
      target.kind === 'ticket' && ticket
        ? await this.deps.files.usageOfTicket(ticket.id)
        : await this.deps.files.usageOfDraft(target.tenantId, (target as { draftId: string }).draftId);
    if (usage.count >= settings.maxFilesPerTicket) return refuse('tooMany');
    if (usage.bytes >= settings.maxTicketBytes) return refuse('ticketFull');

    const fetched = incoming.url.startsWith('data:')
      ? readDataUrl(incoming.source === 'inline' ? incoming.url : '', settings.maxFileBytes)
      : await fetchTeamsFile(incoming.url, {
          hosts: settings.fileHosts,
          allowLoopback: settings.allowLoopback,
          maxBytes: settings.maxFileBytes,
          timeoutMs: settings.fetchTimeoutMs,
          // The bot's token goes only with an inline image's content URL (the Bot Connector's store).
          ...(incoming.source === 'inline' && authorization ? { authorization } : {}),
          ...(this.deps.resolve ? { resolve: this.deps.resolve } : {}),
        });
    if (!fetched.ok)
      return refuse(fetched.reason, given, { detail: fetched.detail, host: hostOf(incoming.url) });
    const contents = fetched.bytes;
    const detected = detectFileType(contents);
    if (detected.kind === 'executable') return refuse('executable', given, { detected: detected.what });
    if (detected.kind === 'unknown' || !settings.allowedKinds.includes(detected.kind)) {
      return refuse('disallowedType', given, {
        detected: 'what' in detected ? detected.what : detected.kind,
      });
    }
    const id = randomUUID();
    const fallback = incoming.source === 'inline' ? 'image' : 'file';
    const file: NewEvidenceFile = {
      id,
      tenantId: target.tenantId,
      uploader,
      name: sanitiseFileName(given, detected.kind, fallback),
      kind: detected.kind,
      mediaType: fileKinds[detected.kind].mediaType,
      size: contents.length,
      sha256: createHash('sha256').update(contents).digest('hex'),
      storageKey: `${tenantFolder(target.tenantId)}/${id}`,
      wrappedKey: '',
      keyId: this.keyId,
      createdAt: this.deps.clock.now().toISOString(),
    };
    const sealed = sealFile(contents, id, this.deps.wrappingKey);
    const toStore = { ...file, wrappedKey: sealed.wrappedKey };
    await this.deps.vault.put(file.storageKey, sealed.sealed);
    let result;
    try {
      const limits = {
        maxFilesPerTicket: settings.maxFilesPerTicket,
        maxTicketBytes: settings.maxTicketBytes,
      };
      result =
        target.kind === 'ticket' && ticket
          ? await this.deps.files.addToTicket(ticket.id, toStore, limits)
          : await this.deps.files.holdForDraft((target as { draftId: string }).draftId, toStore, limits);
    } catch (error) {
      await this.forget(file.storageKey, log);
      throw error;
    }
    if (result.status !== 'added' && result.status !== 'held') {
      await this.forget(file.storageKey, log);
      if (result.status === 'duplicate') {
        log.info(
          {
            event: 'evidence.refused',
            reason: 'duplicate',
            ...describeTarget(target),
            existing: result.existing.id,
          },
          'evidence file refused',
        );
        return {
          status: 'refused',
          reason: 'duplicate',
          name: file.name,
          existing: result.existing,
        };
      }
      return refuse(result.status === 'closed' ? 'noTicket' : result.status, file.name);
    }
    log.info(
      {
        event: 'evidence.stored',
        ...describeTarget(target),
        fileId: id,
        kind: file.kind,
        size: file.size,
        sha256: file.sha256,
      },
      target.kind === 'ticket' ? 'evidence file stored with the ticket' : 'evidence file held with the draft',
    );
    return result.status === 'added'
      ? { status: 'stored', file: result.file, confirmationNumber: result.confirmationNumber }
      : { status: 'stored', file: result.file };
  }

  /** Gives the files held with a draft to the ticket it was submitted as; returns them. */
  async attachHeld(tenantId: string, draftId: string, confirmationNumber: string): Promise<EvidenceFile[]> {
    if (!(await this.deps.files.hasHeld(tenantId, draftId))) return [];
    const stored = await this.deps.tickets.findForTenant(tenantId, confirmationNumber);
    if (!stored) return [];
    const files = await this.deps.files.attachHeld(tenantId, draftId, stored.id);
    if (files.length > 0) {
      this.deps.logger.info(
        { event: 'evidence.attached_held', confirmationNumber, count: files.length },
        'files held with the draft attached to the submitted ticket',
      );
    }
    return files;
  }

  /** Support: the files of a ticket (any tenant's), oldest first; undefined for an unknown ticket. */
  async listForSupport(confirmationNumber: string): Promise<EvidenceFile[] | undefined> {
    const stored = await this.deps.tickets.findByNumber(confirmationNumber);
    return stored && this.deps.files.listForTicket(stored.id);
  }

  /** Support: one file's contents, the download recorded on the ticket first. */
  async download(confirmationNumber: string, fileId: string, actor: Actor): Promise<DownloadOutcome> {
    const stored = await this.deps.tickets.findByNumber(confirmationNumber);
    const file = stored && isUuid(fileId) ? await this.deps.files.findOnTicket(stored.id, fileId) : undefined;
    if (!stored || !file) return { status: 'notFound' };
    if (file.scan.status === 'malicious') return { status: 'malicious', file };
    if (file.scan.status === 'pending' && this.deps.settings.requireCleanScan)
      return { status: 'notScanned', file };
    const sealed = await this.deps.vault.get(file.storageKey);
    if (!sealed) throw new Error(`evidence: the vault has nothing for file ${file.id}`);
    const contents = openSealedFile(sealed, file.id, file.wrappedKey, this.deps.wrappingKey);
    if (createHash('sha256').update(contents).digest('hex') !== file.sha256) {
      throw new Error(`evidence: file ${file.id} does not match its recorded SHA-256`);
    }
    await this.deps.files.recordDownload(stored.id, file, actor, this.deps.clock.now().toISOString());
    return { status: 'ok', file, contents };
  }

  /** A scanner's verdict (Defender for Storage, through the support API); undefined for no such file. */
  async setScanVerdict(
    confirmationNumber: string,
    fileId: string,
    status: Exclude<ScanStatus, 'pending'>,
    detail: string | undefined,
  ): Promise<EvidenceFile | undefined> {
    const stored = await this.deps.tickets.findByNumber(confirmationNumber);
    if (!stored || !isUuid(fileId)) return undefined;
    return this.deps.files.setScan(stored.id, fileId, {
      status,
      ...(detail ? { detail } : {}),
      at: this.deps.clock.now().toISOString(),
    });
  }

  /** Deletes the contents of files held with drafts never submitted, older than `olderThanMs`. */
  async purgeAbandoned(olderThanMs: number): Promise<number> {
    const cutoff = new Date(this.deps.clock.now().getTime() - olderThanMs).toISOString();
    const keys = await this.deps.files.removeHeldBefore(cutoff, 500);
    for (const key of keys) await this.forget(key, this.deps.logger);
    return keys.length;
  }

  /** An open ticket of this deployment's own (not one filed with a remote service) in the tenant. */
  private async openTicket(target: Extract<IntakeTarget, { kind: 'ticket' }>) {
    const stored = await this.deps.tickets.findForTenant(target.tenantId, target.confirmationNumber);
    if (!stored || stored.delivery !== 'local' || stored.ticket.state === 'closed') return undefined;
    return stored;
  }

  private async forget(storageKey: string, log: Logger): Promise<void> {
    try {
      await this.deps.vault.delete(storageKey);
    } catch (error) {
      log.warn(
        { event: 'evidence.vault_delete_failed', storageKey, error: (error as Error).message.slice(0, 200) },
        'sealed file left in the vault without a row',
      );
    }
  }
}

function describeTarget(target: IntakeTarget): Record<string, string> {
  return target.kind === 'ticket'
    ? { confirmationNumber: target.confirmationNumber }
    : { draftId: target.draftId };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.slice(0, 100);
  } catch {
    return '';
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The tenant's folder in the vault: its id when it is a GUID, else a hash of it (any id is a safe name). */
function tenantFolder(tenantId: string): string {
  return /^[0-9a-f-]{1,64}$/i.test(tenantId)
    ? tenantId.toLowerCase()
    : createHash('sha256').update(tenantId).digest('hex').slice(0, 32);
}
