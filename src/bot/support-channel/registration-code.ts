import { createHash, randomInt } from 'node:crypto';
import { confirmationAlphabet } from '../../domain/ticket';

/**
 * Support channel registration codes look like 7K3M-9QXD: eight symbols of the confirmation-number
 * alphabet (no 0/O, 1/I/L, U), ≈39 bits from a cryptographic generator. They live 15 minutes and are used
 * once, so guessing one through Teams messages is hopeless; only their SHA-256 is stored.
 */
export const registrationCodeTtlMinutes = 15;
const symbolCount = 8;
const symbols = new RegExp(`^[${confirmationAlphabet}]{${symbolCount}}$`);

export function generateRegistrationCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < symbolCount; i++) code += confirmationAlphabet[random(confirmationAlphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed → the canonical code (case, spaces and dashes forgiven), or undefined. */
export function normaliseRegistrationCode(text: string): string | undefined {
  if (text.length > 40) return undefined;
  const compact = text.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212_.]/g, '');
  return symbols.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4)}` : undefined;
}

export function hashRegistrationCode(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
