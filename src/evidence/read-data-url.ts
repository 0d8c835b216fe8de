import type { FetchFileResult } from './fetch-teams-file';

/**
 * An inline image some clients (Web Chat, the Emulator, the Agents Playground) send as a `data:` URL:
 * read without any request, under the same size limit. Only base64 `data:image/…` is a file; anything
 * else is refused as a foreign link.
 */
export function readDataUrl(url: string, maxBytes: number): FetchFileResult {
  // Base64 is 4 characters per 3 bytes; the header is short.
  if (url.length > 100 + Math.ceil(maxBytes / 3) * 4) {
    return { ok: false, reason: 'tooLarge', detail: `data URL of ${url.length} characters` };
  }
  const match = /^data:image\/[a-z0-9.+-]{1,40};base64,([A-Za-z0-9+/=\s]*)$/i.exec(url);
  if (!match) return { ok: false, reason: 'foreignHost', detail: 'not a base64 image data URL' };
  const bytes = Buffer.from(match[1] ?? '', 'base64');
  if (bytes.length > maxBytes) return { ok: false, reason: 'tooLarge', detail: `${bytes.length} bytes` };
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'no bytes' };
  return { ok: true, bytes };
}
