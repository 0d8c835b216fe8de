import type { FileConsentCardResponse } from 'botbuilder';
import { draftWords } from '../../cards/describe-ticket-event';
import { formatDateTime } from '../../cards/format-date-time';
import { draftDocument } from '../../domain/notice';
import type { Command } from '../commands/command';
import type { Turn } from '../turn';
import { userTimeZone } from '../user-time-zone';
import { isPersonalChat, pressedDraft, refusalText, type DraftFeature } from './draft-feature';

export const fileConsentContentType = 'application/vnd.microsoft.teams.card.file.consent';
export const fileInfoContentType = 'application/vnd.microsoft.teams.card.file.info';

/** What a file consent card carries back to the bot when the person answers it. */
interface OfferContext {
  readonly confirmationNumber: string;
  readonly draftId: string;
}

/** Answers a file consent card (Teams' `fileConsent/invoke`): see SecurityDeskBot. */
export interface FileConsentHandler {
  accept(turn: Turn, response: FileConsentCardResponse): Promise<void>;
  decline(turn: Turn, response: FileConsentCardResponse): Promise<void>;
}

const uploadTimeoutMs = 30_000;

/**
 * Handing a draft over as a file: in a personal chat, Teams' file consent card (the person accepts,
 * Teams gives an upload URL in their OneDrive, the bot uploads the document and posts the file card);
 * anywhere, an expiring signed download link served by this service (src/http/drafts-download-route.ts).
 * A draft that is out of date is handed over by neither: the person is told to draft it again.
 */
export function draftHandOver(feature: DraftFeature): {
  commands: Command[];
  fileConsent: FileConsentHandler;
} {
  const usableDraft = async (turn: Turn, value: Readonly<Record<string, unknown>> | undefined) => {
    const pressed = await pressedDraft(feature, turn, value);
    if (!pressed) return undefined;
    const { stored } = pressed;
    const view = await feature.desk.get(stored, pressed.draftId);
    const number = stored.ticket.confirmationNumber;
    if (
      !view ||
      view.draft.status === 'declined' ||
      view.draft.status === 'edited' ||
      (view.draft.origin === 'support' && view.draft.status === 'proposed')
    ) {
      await turn.context.sendActivity(turn.t('drafts.refused.notFound', { number }));
      return undefined;
    }
    if (view.stale) {
      await turn.context.sendActivity(refusalText(turn, { reason: 'stale', changed: view.changed }, number));
      return undefined;
    }
    return { stored, draft: view.draft };
  };

  const commands: Command[] = [
    {
      name: 'draft_link',
      words: [],
      run: async (turn, _args, value) => {
        const found = await usableDraft(turn, value);
        if (!found) return;
        const base = feature.downloadBaseUrl();
        if (!base) {
          await turn.context.sendActivity(turn.t('drafts.link.unavailable'));
          return;
        }
        const { token, expiresAt } = feature.links.issue(found.stored.id, found.draft.id);
        const number = found.stored.ticket.confirmationNumber;
        turn.log.info(
          { event: 'draft.link_issued', ticket: number, version: found.draft.version },
          'draft download link issued',
        );
        await turn.context.sendActivity(
          turn.t('drafts.link.text', {
            ...draftWords(turn.t, found.draft),
            number,
            until: formatDateTime(expiresAt.toISOString(), turn.locale, userTimeZone(turn.context.activity)),
            url: `${base}/api/drafts/download/${token}`,
          }),
        );
      },
    },
    {
      name: 'draft_file',
      words: [],
      run: async (turn, _args, value) => {
        const found = await usableDraft(turn, value);
        if (!found) return;
        if (!isPersonalChat(turn)) {
          // Teams offers file consent cards in personal chats only.
          await turn.context.sendActivity(turn.t('drafts.file.personalOnly'));
          return;
        }
        const number = found.stored.ticket.confirmationNumber;
        const document = draftDocument(found.draft, number);
        const context: OfferContext = { confirmationNumber: number, draftId: found.draft.id };
        await turn.context.sendActivity({
          type: 'message',
          attachments: [
            {
              contentType: fileConsentContentType,
              name: document.fileName,
              content: {
                description: turn.t('drafts.file.description', {
                  ...draftWords(turn.t, found.draft),
                  number,
                }),
                sizeInBytes: document.content.length,
                acceptContext: context,
                declineContext: context,
              },
            },
          ],
        });
      },
    },
  ];

  const fileConsent: FileConsentHandler = {
    async accept(turn, response) {
      const offered = readOffer(response.context);
      const found = offered && (await usableDraft(turn, offered));
      if (!found) return;
      const upload = response.uploadInfo;
      const uploadUrl = typeof upload?.uploadUrl === 'string' ? upload.uploadUrl : '';
      if (!upload || !allowedUploadUrl(uploadUrl, feature.uploadHosts)) {
        turn.log.warn(
          { event: 'draft.upload_refused', host: hostOf(uploadUrl) },
          'file consent upload URL is not on an allowed host; nothing was sent',
        );
        await turn.context.sendActivity(turn.t('drafts.file.failed', { status: 'refused' }));
        return;
      }
      const document = draftDocument(found.draft, found.stored.ticket.confirmationNumber);
      const status = await put(uploadUrl, document.content);
      if (status !== 'ok') {
        turn.log.warn({ event: 'draft.upload_failed', status }, 'uploading the draft to OneDrive failed');
        await turn.context.sendActivity(turn.t('drafts.file.failed', { status }));
        return;
      }
      turn.log.info(
        {
          event: 'draft.file_sent',
          ticket: found.stored.ticket.confirmationNumber,
          version: found.draft.version,
        },
        'draft uploaded to the publisher’s OneDrive',
      );
      await sendFileInfo(turn, upload, document.fileName);
    },
    async decline(turn) {
      await turn.context.sendActivity(turn.t('drafts.file.declined'));
    },
  };

  return { commands, fileConsent };
}

function readOffer(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { confirmationNumber, draftId } = raw as Record<string, unknown>;
  return { confirmationNumber, draftId };
}

/**
 * Teams uploads to the person's OneDrive (SharePoint hosts): only https URLs on the configured hosts are
 * used (an exact host, or `*.domain` for its subdomains), so a forged invoke cannot make the bot send
 * a document elsewhere. Loopback over http only when the configuration lists it (the tests).
 */
export function allowedUploadUrl(raw: string, hosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  const listed = hosts.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
  });
  if (!listed) return false;
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  return url.protocol === 'https:' || (loopback && url.protocol === 'http:');
}

function hostOf(raw: string): string {
  try {
    return new URL(raw).host.slice(0, 100);
  } catch {
    return '(not a URL)';
  }
}

async function put(url: string, content: Buffer): Promise<'ok' | string> {
  try {
    const response = await fetch(url, {
      method: 'PUT',
      headers: {
        'Content-Length': String(content.length),
        'Content-Range': `bytes 0-${content.length - 1}/${content.length}`,
      },
      body: new Uint8Array(content),
      redirect: 'error',
      signal: AbortSignal.timeout(uploadTimeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? 'ok' : String(response.status);
  } catch (error) {
    return (error as { name?: string }).name === 'TimeoutError' ? 'timeout' : 'unreachable';
  }
}

async function sendFileInfo(
  turn: Turn,
  upload: NonNullable<FileConsentCardResponse['uploadInfo']>,
  fileName: string,
): Promise<void> {
  const name = typeof upload.name === 'string' && upload.name ? upload.name : fileName;
  await turn.context.sendActivity({
    type: 'message',
    text: turn.t('drafts.file.sent', { name }),
    attachments: [
      {
        contentType: fileInfoContentType,
        contentUrl: upload.contentUrl,
        name,
        content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
      },
    ],
  });
}
