import type { TokenCredential } from '@azure/identity';
import type { EvidenceSettings } from '../config';
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
  // Loaded only for blob storage: the Azure SDKs add about a fifth of a second to every start otherwise.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { BlobServiceClient } = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  const { BlobFileVault } = require('./blob-file-vault') as typeof import('./blob-file-vault');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const service = storage.connectionString
    ? BlobServiceClient.fromConnectionString(storage.connectionString)
    : new BlobServiceClient(storage.accountUrl ?? '', credential ?? new DefaultAzureCredential());
  return new BlobFileVault(service.getContainerClient(storage.container));
}
