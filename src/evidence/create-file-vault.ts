import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import type { EvidenceSettings } from '../config';
import { BlobFileVault } from './blob-file-vault';
import { DiskFileVault } from './disk-file-vault';
import type { FileVault } from './file-vault';

/**
 * The vault configuration asks for: a directory (default), or a blob container signed in to with
 * @azure/identity's DefaultAzureCredential (the App Service's managed identity in Azure) — a
 * connection string only for development and tests (Azurite).
 */
export function createFileVault(
  storage: EvidenceSettings['storage'],
  credential?: TokenCredential,
): FileVault {
  if (storage.kind === 'disk') return new DiskFileVault(storage.dir);
  const service = storage.connectionString
    ? BlobServiceClient.fromConnectionString(storage.connectionString)
    : new BlobServiceClient(storage.accountUrl ?? '', credential ?? new DefaultAzureCredential());
  return new BlobFileVault(service.getContainerClient(storage.container));
}
