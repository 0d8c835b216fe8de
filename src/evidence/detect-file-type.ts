import { filetypeinfo } from 'magic-bytes.js';
import type { FileKind } from './file-kinds';

export type DetectedType =
  | { readonly kind: FileKind }
  /** A program or library (PE, ELF, Mach-O, Java class, …) whatever its name says. */
  | { readonly kind: 'executable'; readonly what: string }
  /** Something we cannot name, or a kind we do not take. */
  | { readonly kind: 'unknown'; readonly what: string };

/** magic-bytes.js names → our kinds. Office documents and other zip containers are zips. */
const byMagic: Readonly<Record<string, FileKind>> = {
  png: 'png',
  apng: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  gif: 'gif',
  webp: 'webp',
  pdf: 'pdf',
  zip: 'zip',
  gz: 'gzip',
  gzip: 'gzip',
};

const executables = new Set([
  'exe',
  'dll',
  'elf',
  'mach-o',
  'macho',
  'class',
  'dex',
  'msi',
  'wasm',
  'lnk',
  'cab',
  'cfb',
  'com',
  'swf',
]);

/**
 * What a file is, from its bytes alone (never its name): magic numbers by magic-bytes.js for binary
 * formats; otherwise text when it is valid UTF-8 without NUL or other binary control characters, and
 * JSON when that text parses. A renamed program is recognised as what it is.
 */
export function detectFileType(bytes: Buffer): DetectedType {
  const guesses = filetypeinfo(bytes.subarray(0, 4096));
  const [first] = guesses;
  const binary = first && byMagic[first.typename.toLowerCase()];
  if (binary) return { kind: binary };
  // Text is judged by its bytes: valid UTF-8 without binary control characters (JSON and XML among
  // it), whatever magic-bytes.js guesses from the first few characters. A program has NUL bytes.
  const text = readText(bytes);
  if (text !== undefined) {
    try {
      JSON.parse(text);
      return { kind: 'json' };
    } catch {
      return { kind: 'text' };
    }
  }
  const program = guesses.find(
    (guess) =>
      executables.has(guess.typename.toLowerCase()) ||
      guess.mime?.includes('executable') ||
      guess.mime?.includes('x-msdownload'),
  );
  if (program) return { kind: 'executable', what: program.typename };
  return { kind: 'unknown', what: first?.typename ?? 'binary data' };
}

/** The bytes as text when they are UTF-8 (a BOM allowed) with only tab, line feed, carriage return, form feed and escape among C0 controls. */
function readText(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f]/.test(text)) return undefined;
  return text;
}
