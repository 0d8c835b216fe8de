import { randomInt } from 'node:crypto';

/**
 * Confirmation numbers look like SEC-7K3M-9QXD: eight symbols from Crockford's base32 alphabet without
 * 0 and 1, i.e. no 0/O, 1/I/L or U to confuse when read aloud or retyped. 30 symbols, 8 places:
 * 30^8 ≈ 6.6·10^11 numbers, about 39.3 bits, drawn with a cryptographic generator so they cannot be
 * guessed from one another. Uniqueness is the store's unique constraint (retry on a clash); at a
 * million tickets the chance that a new number clashes is below 2·10^-6.
 */
export const confirmationAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const confirmationPrefix = 'SEC';
const groupLength = 4;
const symbolCount = 2 * groupLength;

const canonical = new RegExp(
  `^${confirmationPrefix}-[${confirmationAlphabet}]{4}-[${confirmationAlphabet}]{4}$`,
);
const symbols = new RegExp(`^[${confirmationAlphabet}]{${symbolCount}}$`);

/** A source of uniform random integers in [0, maxExclusive). */
export type RandomInt = (maxExclusive: number) => number;

const cryptoRandomInt: RandomInt = (maxExclusive) => randomInt(maxExclusive);

export function generateConfirmationNumber(random: RandomInt = cryptoRandomInt): string {
  let code = '';
  for (let i = 0; i < symbolCount; i++) {
    const index = random(confirmationAlphabet.length);
    if (!Number.isInteger(index) || index < 0 || index >= confirmationAlphabet.length) {
      throw new RangeError(`random source returned ${index}, outside 0..${confirmationAlphabet.length - 1}`);
    }
    code += confirmationAlphabet[index];
  }
  return format(code);
}

/** Exactly the form we issue: 'SEC-' and two groups of four, upper case. */
export function isConfirmationNumber(text: string): boolean {
  return canonical.test(text);
}

/**
 * What a person typed → the canonical number, or undefined. Accepts lower case, spaces, missing or
 * typographic dashes, and a missing SEC prefix. 0, O, 1, I, L and U are rejected, not mapped: we never
 * issue them, so a typed one is a mistake in some other symbol, and guessing which would open the wrong
 * ticket rather than a helpful one.
 */
export function normaliseConfirmationNumber(text: string): string | undefined {
  if (text.length > 40) return undefined;
  const compact = text.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212_.#]/g, '');
  const code = compact.startsWith(confirmationPrefix) ? compact.slice(confirmationPrefix.length) : compact;
  return symbols.test(code) ? format(code) : undefined;
}

/** Finds the first confirmation number inside a sentence ("status of sec-7k3m-9qxd please"). */
export function findConfirmationNumber(text: string): string | undefined {
  const candidate = /\bSEC[\s\-\u2010-\u2015]?[0-9A-Z]{4}[\s\-\u2010-\u2015]?[0-9A-Z]{4}\b/i.exec(
    text.slice(0, 2000),
  );
  return candidate ? normaliseConfirmationNumber(candidate[0]) : undefined;
}

function format(code: string): string {
  return `${confirmationPrefix}-${code.slice(0, groupLength)}-${code.slice(groupLength)}`;
}
