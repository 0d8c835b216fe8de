import { fileKinds, type FileKind } from './file-kinds';

const maxNameLength = 120;

/**
 * A name safe to show in a card and to offer as a download: the last path segment only, Unicode NFC, no
 * control, bidirectional-override or zero-width characters, none of \ / : * ? " < > |, no leading dots
 * or trailing dots and spaces, at most 120 characters — and ending in an extension of the kind the
 * content is, so a PNG called "invoice.exe" is kept as "invoice.exe.png" and opens as a picture.
 */
export function sanitiseFileName(raw: string, kind: FileKind, fallback: string): string {
  const lastSegment = raw.split(/[\\/]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name === '') name = fallback;
  const extensions: readonly string[] = fileKinds[kind].extensions;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const suffix = extensions.includes(extension) ? '' : `.${extensions[0] ?? 'bin'}`;
  const room = maxNameLength - suffix.length;
  if ([...name].length > room) {
    const keep = extensions.includes(extension) ? `.${extension}` : '';
    name = `${[...name]
      .slice(0, room - keep.length)
      .join('')
      .trimEnd()}${keep}`;
  }
  return `${name}${suffix}`;
}
