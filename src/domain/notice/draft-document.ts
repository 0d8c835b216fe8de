import type { CustomerDraft } from './customer-draft';

export interface DraftDocument {
  readonly fileName: string;
  readonly mediaType: string;
  readonly content: Buffer;
}

/**
 * A draft as a file to hand over: the CSAF document as `.json` (what a customer's security team
 * ingests), the other formats as UTF-8 text with the subject on the first line. The name says the
 * ticket, the format, the language and the version, and has nothing a file system or a header would
 * misread.
 */
export function draftDocument(draft: CustomerDraft, confirmationNumber: string): DraftDocument {
  const safeNumber = confirmationNumber.replace(/[^A-Za-z0-9-]/g, '');
  const base = `${safeNumber}-${draft.format}-${draft.language}-v${draft.version}`;
  if (draft.format === 'csaf') {
    return {
      fileName: `${base}.json`,
      mediaType: 'application/json',
      content: Buffer.from(draft.body.endsWith('\n') ? draft.body : `${draft.body}\n`, 'utf8'),
    };
  }
  const text = draft.subject ? `${draft.subject}\n\n${draft.body}\n` : `${draft.body}\n`;
  return {
    fileName: `${base}.txt`,
    mediaType: 'text/plain; charset=utf-8',
    content: Buffer.from(text, 'utf8'),
  };
}
