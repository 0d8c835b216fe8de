import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Envelope encryption of one file (AES-256-GCM twice): the contents under a fresh 256-bit key of their
 * own, that key under the configured key-wrapping key. Both bind the file's id as additional data, so a
 * sealed blob or a wrapped key moved to another file's row does not open. Layout of both: 12-byte IV,
 * ciphertext, 16-byte tag.
 */
export interface SealedFile {
  readonly sealed: Buffer;
  /** base64 */
  readonly wrappedKey: string;
  readonly keyId: string;
}

const ivBytes = 12;
const tagBytes = 16;

/** A fingerprint of the wrapping key, stored per file so a rotated key is recognised, never the key. */
export function wrappingKeyId(wrappingKey: Buffer): string {
  return createHash('sha256')
    .update('security-desk evidence key')
    .update(wrappingKey)
    .digest('hex')
    .slice(0, 16);
}

export function sealFile(contents: Buffer, fileId: string, wrappingKey: Buffer): SealedFile {
  const fileKey = randomBytes(32);
  try {
    return {
      sealed: encrypt(contents, fileKey, Buffer.from(`file:${fileId}`)),
      wrappedKey: encrypt(fileKey, wrappingKey, Buffer.from(`key:${fileId}`)).toString('base64'),
      keyId: wrappingKeyId(wrappingKey),
    };
  } finally {
    fileKey.fill(0);
  }
}

/** The contents, or throws when the key, the id or a single byte is not what was sealed. */
export function openSealedFile(
  sealed: Buffer,
  fileId: string,
  wrappedKey: string,
  wrappingKey: Buffer,
): Buffer {
  const fileKey = decrypt(Buffer.from(wrappedKey, 'base64'), wrappingKey, Buffer.from(`key:${fileId}`));
  try {
    return decrypt(sealed, fileKey, Buffer.from(`file:${fileId}`));
  } finally {
    fileKey.fill(0);
  }
}

function encrypt(plain: Buffer, key: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(sealed: Buffer, key: Buffer, aad: Buffer): Buffer {
  if (sealed.length < ivBytes + tagBytes) throw new Error('sealed data is too short');
  const iv = sealed.subarray(0, ivBytes);
  const tag = sealed.subarray(sealed.length - tagBytes);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(sealed.subarray(ivBytes, sealed.length - tagBytes)),
    decipher.final(),
  ]);
}
