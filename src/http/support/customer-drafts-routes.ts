import type { Request, Response, Server } from 'restify';
import { guardedBy } from './guarded-route';
import type { CustomerDraftDesk, DraftRefusal, DraftView } from '../../backend/customer-draft-desk';
import { draftDocument } from '../../domain/notice';
import { normaliseConfirmationNumber, type Actor } from '../../domain/ticket';
import type { Logger } from '../../logger';
import type { ApiAuthenticator } from '../auth/create-api-authenticator';
import { sendProblem } from '../problem-details';
import { describeTicketError } from './describe-ticket-error';

/**
 * Support's side of the customer drafts (docs/openapi.json, docs/decisions/customer-drafts.md): the
 * drafts a publisher shared and support's own proposals, each marked out of date when the ticket's facts
 * moved on since it was made; a draft's document to download (never an out-of-date one); and a proposed
 * edit, which the publisher receives in Teams to accept, change or decline. A publisher's private drafts
 * are not support's to see.
 */
export function registerCustomerDraftsRoutes(
  server: Server,
  deps: {
    readonly desk: CustomerDraftDesk;
    readonly authenticator: ApiAuthenticator;
    readonly logger: Logger;
  },
): void {
  const { desk, authenticator, logger } = deps;
  const guarded = guardedBy(authenticator, logger);

  const ticketOf = async (req: Request, res: Response) => {
    const number = normaliseConfirmationNumber(String(req.params.number ?? ''));
    const stored = number && (await desk.findForSupport(number));
    if (!stored) sendProblem(res, 'not-found', 'No such ticket.');
    return stored || undefined;
  };
  const draftOf = async (req: Request, res: Response) => {
    const stored = await ticketOf(req, res);
    if (!stored) return undefined;
    const draftId = String(req.params.draftId ?? '');
    const found = /^[A-Za-z0-9-]{1,64}$/.test(draftId) ? await desk.get(stored, draftId) : undefined;
    if (!found || !visibleToSupport(found)) {
      sendProblem(res, 'not-found', 'No such draft on this ticket.');
      return undefined;
    }
    return { stored, found };
  };

  server.get(
    '/api/support/tickets/:number/drafts',
    guarded(async (req, res) => {
      const stored = await ticketOf(req, res);
      if (!stored) return;
      const views = (await desk.list(stored)).filter(visibleToSupport);
      res.send(200, { items: views.map((view) => draftJson(view, false)) });
    }),
  );

  server.get(
    '/api/support/tickets/:number/drafts/:draftId',
    guarded(async (req, res) => {
      const draft = await draftOf(req, res);
      if (draft) res.send(200, { draft: draftJson(draft.found, true) });
    }),
  );

  server.get(
    '/api/support/tickets/:number/drafts/:draftId/document',
    guarded(async (req, res) => {
      const draft = await draftOf(req, res);
      if (!draft) return;
      if (draft.found.stale) {
        sendProblem(res, 'draft-outdated', outdatedDetail(draft.found.changed), {
          changed: draft.found.changed,
        });
        return;
      }
      sendDocument(res, draftDocument(draft.found.draft, draft.stored.ticket.confirmationNumber));
    }),
  );

  server.post(
    '/api/support/tickets/:number/drafts/:draftId/proposals',
    guarded(async (req, res, principal) => {
      const draft = await draftOf(req, res);
      if (!draft) return;
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<
        string,
        unknown
      >;
      const actor: Actor = {
        kind: 'support',
        id: principal.id,
        ...(principal.name ? { name: principal.name } : {}),
      };
      const result = await desk.propose(draft.stored, draft.found.draft.id, body, actor);
      if (!result.ok) return refuse(res, result);
      logger.info(
        {
          event: 'support.draft_proposed',
          confirmationNumber: result.stored.ticket.confirmationNumber,
          actor: actor.id,
        },
        'support proposed an edit of a customer draft',
      );
      res.header(
        'Location',
        `/api/support/tickets/${result.stored.ticket.confirmationNumber}/drafts/${result.draft.id}`,
      );
      res.send(201, { draft: draftJson({ draft: result.draft, stale: false, changed: [] }, true) });
    }),
  );
}

/** Support sees what the publisher shared and its own proposals (answered or not), never private drafts. */
function visibleToSupport(view: DraftView): boolean {
  return view.draft.status !== 'private';
}

function draftJson(view: DraftView, withText: boolean) {
  const { draft } = view;
  return {
    id: draft.id,
    format: draft.format,
    language: draft.language,
    tone: draft.tone,
    version: draft.version,
    origin: draft.origin,
    status: draft.status,
    ...(draft.basedOn ? { basedOn: draft.basedOn } : {}),
    madeFromVersion: draft.madeFromVersion,
    createdAt: draft.createdAt,
    createdBy: {
      kind: draft.createdBy.kind,
      ...(draft.createdBy.name ? { name: draft.createdBy.name } : {}),
    },
    stale: view.stale,
    ...(view.stale ? { changed: view.changed } : {}),
    placeholders: draft.placeholders,
    ...(withText
      ? {
          ...(draft.note ? { note: draft.note } : {}),
          ...(draft.subject !== undefined ? { subject: draft.subject } : {}),
          body: draft.body,
        }
      : {}),
  };
}

function outdatedDetail(changed: readonly string[]): string {
  return `The ticket's facts changed since this draft was made (${changed.join(', ')}); the publisher must draft it again.`;
}

function refuse(res: Response, refusal: DraftRefusal): void {
  switch (refusal.reason) {
    case 'notFound':
      return sendProblem(res, 'not-found', 'No such draft on this ticket.');
    case 'stale':
      return sendProblem(res, 'draft-outdated', outdatedDetail(refusal.changed), {
        changed: refusal.changed,
      });
    case 'invalid':
      return sendProblem(res, 'invalid-request', 'The body is not valid.', {
        problems: refusal.errors.map(describeTicketError),
      });
    case 'unchanged':
      return sendProblem(res, 'invalid-request', 'The proposed text is the same as the draft’s.', {
        problems: [{ field: 'body', key: 'ticket.field.unchanged', message: 'The text is unchanged.' }],
      });
    case 'notEditable':
      return sendProblem(
        res,
        'state-conflict',
        'A CSAF document is made from the ticket’s facts and is not edited; ask the publisher to add the information to the report.',
      );
    case 'notShared':
      return sendProblem(
        res,
        'state-conflict',
        'Edits can be proposed only to a draft the publisher shared.',
      );
    case 'notWaiting':
      return sendProblem(res, 'state-conflict', `The draft is ${refusal.status}, not open to a proposal.`);
    case 'notOffered':
      return sendProblem(res, 'state-conflict', 'That format is not offered for this ticket.');
    case 'busy':
      return sendProblem(res, 'request-in-progress', 'The ticket kept changing; retry.');
  }
}

/** A draft's document as an attachment: never sniffed, never cached, never shown inline by a browser. */
export function sendDocument(
  res: Response,
  document: { fileName: string; mediaType: string; content: Buffer },
): void {
  res.sendRaw(200, document.content, {
    'Content-Type': document.mediaType,
    'Content-Disposition': `attachment; filename="${document.fileName}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
}
