import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented key with the configured one in constant time. Both are hashed first so the
 * comparison does not leak the key's length either.
 */
export function staticKeyMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
