/**
 * Where the sealed (encrypted) contents of evidence files are kept, by storage key. Two adapters: a
 * directory under DATA_DIR (`DiskFileVault`) and an Azure Blob Storage container (`BlobFileVault`). The
 * vault never sees a file's plain contents or its key.
 */
export interface FileVault {
  /** Stores the bytes whole or not at all. */
  put(key: string, sealed: Buffer): Promise<void>;
  /** Undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Deleting a key that holds nothing is no error. */
  delete(key: string): Promise<void>;
  /** Creates what the vault needs (the directory, the container) before the first file. */
  prepare(): Promise<void>;
}

/** Storage keys are ours (`<tenant>/<uuid>`); anything else is refused before it reaches a path or a URL. */
export function checkStorageKey(key: string): string {
  if (!/^[0-9a-z-]{1,64}\/[0-9a-f-]{36}$/i.test(key)) throw new Error('evidence: malformed storage key');
  return key;
}
