import type { Attachment } from 'botbuilder';
import type { IncomingFile } from '../../evidence/evidence-service';

/** Teams' attachment for a file a person shared in the chat (its content has a short-lived downloadUrl). */
export const TEAMS_FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';

/** Files taken from one message; more are refused as a whole, said in the answer. */
export const maxFilesPerMessage = 10;

/**
 * The files in a message's attachments: Teams file shares (`downloadUrl`) and inline images (`image/*`
 * with a `contentUrl`). Cards, the HTML copy of a message with inline images, and anything malformed are
 * not files. Nothing here is trusted: the URLs are checked where they are fetched.
 */
export function readFileAttachments(attachments: readonly Attachment[] | undefined): IncomingFile[] {
  const files: IncomingFile[] = [];
  for (const attachment of Array.isArray(attachments) ? attachments : []) {
    if (typeof attachment !== 'object' || attachment === null) continue;
    const type = typeof attachment.contentType === 'string' ? attachment.contentType.toLowerCase() : '';
    const name = typeof attachment.name === 'string' ? attachment.name : undefined;
    if (type === TEAMS_FILE_DOWNLOAD) {
      const content = attachment.content as { downloadUrl?: unknown } | undefined;
      const url = typeof content?.downloadUrl === 'string' ? content.downloadUrl : undefined;
      if (url) files.push({ source: 'download', url, ...(name ? { name } : {}) });
    } else if (type.startsWith('image/') && typeof attachment.contentUrl === 'string') {
      files.push({ source: 'inline', url: attachment.contentUrl, ...(name ? { name } : {}) });
    }
  }
  return files;
}

/** The files a card button carries back (the "which ticket?" card), checked as strictly as an activity's. */
export function readCarriedFiles(value: unknown): IncomingFile[] {
  if (!Array.isArray(value)) return [];
  const files: IncomingFile[] = [];
  for (const item of value.slice(0, maxFilesPerMessage)) {
    if (typeof item !== 'object' || item === null) continue;
    const { source, url, name } = item as Record<string, unknown>;
    if ((source !== 'download' && source !== 'inline') || typeof url !== 'string' || url.length > 8192)
      continue;
    files.push({ source, url, ...(typeof name === 'string' ? { name: name.slice(0, 200) } : {}) });
  }
  return files;
}
