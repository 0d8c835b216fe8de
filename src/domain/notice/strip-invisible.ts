import { cleanText } from '../ticket/read-fields';

// Beyond what the report reader already removes (controls, bidi overrides and isolates, BOM): the
// directional marks, zero-width space, word joiner and invisible operators, the Mongolian vowel
// separator and Unicode tag characters. None is visible, so none can be meant for a reader; tag
// characters in particular smuggle hidden text. ZWJ and ZWNJ stay: scripts and emoji need them.
const moreInvisible = /[\u061C\u180E\u200B\u200E\u200F\u2060-\u2064]|[\u{E0000}-\u{E007F}]/gu;

/**
 * Typed text made safe to carry anywhere as text: NFC, LF line ends, nothing invisible, trimmed;
 * single-line text has every whitespace run as one space (a title never breaks a subject line).
 */
export function stripInvisible(raw: string, singleLine: boolean): string {
  return cleanText(cleanText(raw, false).replace(moreInvisible, ''), singleLine);
}
