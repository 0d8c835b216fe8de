import type { Request, Response, Server } from 'restify';
import type { CustomerDraftDesk } from '../backend/customer-draft-desk';
import type { DraftDownloadLinks } from '../backend/draft-download-links';
import { draftDocument } from '../domain/notice';
import type { Logger } from '../logger';
import { sendProblem } from './problem-details';
import { sendDocument } from './support/customer-drafts-routes';

/**
 * `GET /api/drafts/download/{token}`: a customer draft's document through the expiring signed link the
 * bot gave its publisher (src/backend/draft-download-links.ts). The token is the only credential: an
 * altered or unknown one is 404, an expired one 410, and a draft that went out of date since the link was
 * made 409 — never the document unmarked.
 */
export function registerDraftsDownloadRoute(
  server: Server,
  deps: { readonly desk: CustomerDraftDesk; readonly links: DraftDownloadLinks; readonly logger: Logger },
): void {
  server.get('/api/drafts/download/:token', async (req: Request, res: Response) => {
    const check = deps.links.check(req.params.token);
    if (!check.ok) {
      deps.logger.info({ event: 'draft.download_refused', reason: check.reason }, 'draft download refused');
      if (check.reason === 'expired') {
        sendProblem(
          res,
          'link-expired',
          'This download link has expired. Ask Security Desk in Teams for a new one.',
        );
      } else {
        sendProblem(res, 'not-found', 'No such download.');
      }
      return;
    }
    const stored = await deps.desk.findById(check.grant.ticketId);
    const view = stored && (await deps.desk.get(stored, check.grant.draftId));
    if (!stored || !view) {
      sendProblem(res, 'not-found', 'No such download.');
      return;
    }
    if (view.stale) {
      sendProblem(
        res,
        'draft-outdated',
        'The report changed since this draft was made. Draft it again in Teams and get a new link.',
        { changed: view.changed },
      );
      return;
    }
    deps.logger.info(
      { event: 'draft.downloaded', ticket: stored.ticket.confirmationNumber, version: view.draft.version },
      'draft downloaded through its link',
    );
    sendDocument(res, draftDocument(view.draft, stored.ticket.confirmationNumber));
  });
}
