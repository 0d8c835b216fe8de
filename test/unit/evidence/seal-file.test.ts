import { randomBytes } from 'node:crypto';
import { openSealedFile, sealFile, wrappingKeyId } from '../../../src/evidence/seal-file';

describe('envelope encryption of an evidence file (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const contents = Buffer.from('2026-12-01T10:00:00Z admin login from 203.0.113.9 with a forged cookie\n');

  test('the round trip gives back the very bytes, and the sealed form does not contain them', () => {
    const sealed = sealFile(contents, 'file-1', key);
    expect(sealed.sealed.includes(contents.subarray(0, 20))).toBe(false);
    expect(sealed.sealed.length).toBe(contents.length + 12 + 16);
    expect(openSealedFile(sealed.sealed, 'file-1', sealed.wrappedKey, key).equals(contents)).toBe(true);
  });

  test('each file gets its own key: the same contents seal differently', () => {
    const a = sealFile(contents, 'file-1', key);
    const b = sealFile(contents, 'file-1', key);
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    expect(a.sealed.equals(b.sealed)).toBe(false);
  });

  test('another wrapping key, another file’s id, a changed byte or a swapped key do not open', () => {
    const sealed = sealFile(contents, 'file-1', key);
    const other = sealFile(Buffer.from('other'), 'file-2', key);
    expect(() => openSealedFile(sealed.sealed, 'file-1', sealed.wrappedKey, randomBytes(32))).toThrow();
    expect(() => openSealedFile(sealed.sealed, 'file-2', sealed.wrappedKey, key)).toThrow();
    const tampered = Buffer.from(sealed.sealed);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(() => openSealedFile(tampered, 'file-1', sealed.wrappedKey, key)).toThrow();
    expect(() => openSealedFile(sealed.sealed, 'file-1', other.wrappedKey, key)).toThrow();
  });

  test('the key id is a fingerprint of the wrapping key, not the key', () => {
    const sealed = sealFile(contents, 'file-1', key);
    expect(sealed.keyId).toBe(wrappingKeyId(key));
    expect(sealed.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(key.toString('hex')).not.toContain(sealed.keyId);
    expect(wrappingKeyId(randomBytes(32))).not.toBe(sealed.keyId);
  });
});
