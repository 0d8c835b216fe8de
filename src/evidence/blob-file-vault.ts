import { RestError, type ContainerClient } from '@azure/storage-blob';
import { checkStorageKey, type FileVault } from './file-vault';

/**
 * Sealed files in an Azure Blob Storage container (`@azure/storage-blob`), one block blob per file. The
 * upload is one request for small files and a committed block list for large ones: a failed upload
 * leaves no blob under the name. Microsoft Defender for Storage can scan the container; its verdict
 * comes back through the support API (docs/decisions/evidence-files.md).
 */
export class BlobFileVault implements FileVault {
  constructor(private readonly container: ContainerClient) {}

  async prepare(): Promise<void> {
    await this.container.createIfNotExists();
  }

  async put(key: string, sealed: Buffer): Promise<void> {
    await this.container.getBlockBlobClient(checkStorageKey(key)).uploadData(sealed, {
      blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
      // Never overwrite: a key names one file for ever.
      conditions: { ifNoneMatch: '*' },
    });
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await this.container.getBlobClient(checkStorageKey(key)).downloadToBuffer();
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.container.getBlobClient(checkStorageKey(key)).deleteIfExists();
  }
}
