/**
 * The kinds of evidence file the bot accepts, each recognised by its content (magic bytes, or UTF-8 text
 * for logs and JSON), never by its name. `extensions` are the names a file of the kind may keep; any
 * other name gets the first one appended, so a downloaded file opens as what it is.
 */
export const fileKinds = {
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mediaType: 'image/gif', extensions: ['gif'] },
  webp: { mediaType: 'image/webp', extensions: ['webp'] },
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  zip: {
    mediaType: 'application/zip',
    extensions: ['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'],
  },
  gzip: { mediaType: 'application/gzip', extensions: ['gz', 'tgz'] },
  text: {
    mediaType: 'text/plain; charset=utf-8',
    // A script is text too, but keeps no extension a desktop would run: "poc.sh" is saved as "poc.sh.txt".
    extensions: ['txt', 'log', 'csv', 'md', 'xml', 'yaml', 'yml'],
  },
  json: { mediaType: 'application/json', extensions: ['json', 'har'] },
} as const;

export type FileKind = keyof typeof fileKinds;

export const fileKindNames = Object.keys(fileKinds) as FileKind[];

export function isFileKind(value: string): value is FileKind {
  return (fileKindNames as string[]).includes(value);
}
