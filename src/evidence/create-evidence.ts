import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { EvidenceFiles, TicketStore } from '../tickets';
import { createFileVault } from './create-file-vault';
import { evidenceWrappingKey } from './evidence-key';
import { EvidenceService } from './evidence-service';
import type { FileVault } from './file-vault';

export interface EvidenceParts {
  readonly config: Config;
  readonly files: EvidenceFiles;
  readonly tickets: TicketStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Replaces DefaultAzureCredential for the blob container (tests cannot reach Entra). */
  readonly credential?: TokenCredential;
  /** Replaces DNS for the fetch of files (tests). */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
}

/** The evidence service as configured: the vault (disk or blob, prepared at first use) and the key. */
export function createEvidence(parts: EvidenceParts): EvidenceService {
  const settings = parts.config.evidence;
  return new EvidenceService({
    files: parts.files,
    tickets: parts.tickets,
    vault: preparedOnFirstUse(createFileVault(settings.storage, parts.credential)),
    wrappingKey: evidenceWrappingKey(settings, parts.logger),
    settings,
    clock: parts.clock,
    logger: parts.logger,
    ...(parts.resolve ? { resolve: parts.resolve } : {}),
  });
}

/**
 * The directory or container is made when the first file comes, not at start: the bot serves while the
 * storage account is briefly unreachable, and a failed preparation is tried again with the next file.
 */
function preparedOnFirstUse(vault: FileVault): FileVault {
  let prepared: Promise<void> | undefined;
  const ready = () =>
    (prepared ??= vault.prepare().catch((error: unknown) => {
      prepared = undefined;
      throw error;
    }));
  return {
    prepare: ready,
    put: async (key, sealed) => {
      await ready();
      await vault.put(key, sealed);
    },
    get: async (key) => {
      await ready();
      return vault.get(key);
    },
    delete: async (key) => {
      await ready();
      await vault.delete(key);
    },
  };
}
