import type { Request, Response, Server } from 'restify';
import { decodeTicketListCursor, encodeTicketListCursor } from '../../backend/ticket-list-cursor';
import type { TicketServicePort } from '../../backend/support-port';
import type { Submission, TicketRecord } from '../../backend/ticket-backend';
import type { TicketCommand, TicketReport } from '../../domain/ticket';
import type { Logger } from '../../logger';
import type { IdempotentResponses, StoredResponse } from '../../store/idempotent-responses';
import type { ApiAuthenticator } from '../auth/create-api-authenticator';
import { requireAuth } from '../auth/require-auth';
import { problem, sendProblem, sendStatusAndBody } from '../problem-details';
import { describeTicketError, isStateRefusal } from '../support/describe-ticket-error';
import { historyJson } from '../support/ticket-json';
import { newTicketBody, publisherCommandBody, zodProblems } from './ticket-service-bodies';

export interface TicketRoutesDeps {
  readonly backend: TicketServicePort;
  readonly idempotency: IdempotentResponses;
  readonly authenticator: ApiAuthenticator;
  readonly logger: Logger;
}

const maxIdempotencyKeyLength = 200;

/**
 * The publisher-side half of the ticket contract (docs/openapi.json), served by the embedded service for
 * bots running the remote adapter. The caller is a service acting for publishers: it names the tenant on
 * every call, and every read and write is scoped to that tenant (another tenant's ticket is a 404).
 */
export function registerTicketRoutes(server: Server, deps: TicketRoutesDeps): void {
  const { backend, idempotency, authenticator, logger } = deps;
  const guarded =
    (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
      if (!(await requireAuth(req, res, authenticator, logger))) return;
      try {
        await handler(req, res);
      } catch (err) {
        logger.error({ event: 'http.failed', path: req.path(), err }, 'ticket API request failed');
        sendProblem(res, 'internal-error', 'The request failed.');
      }
    };

  server.post(
    '/api/tickets',
    guarded(async (req, res) => {
      const key = (req.header('idempotency-key') || '').trim();
      if (!key || key.length > maxIdempotencyKeyLength) {
        sendProblem(
          res,
          'invalid-request',
          'Send an Idempotency-Key header (the report draft’s submission key, up to 200 characters).',
          { problems: [{ field: 'Idempotency-Key', message: 'is required' }] },
        );
        return;
      }
      const body = newTicketBody.safeParse(req.body ?? {});
      if (!body.success) return badRequest(res, zodProblems(body.error));
      const b = body.data;
      const submission: Submission = {
        submissionKey: key,
        tenantId: b.tenantId,
        reporter: {
          kind: 'publisher',
          id: b.reporter.id,
          ...(b.reporter.name ? { name: b.reporter.name } : {}),
        },
        locale: b.locale ?? 'en',
        category: b.category,
        report: b.report as unknown as TicketReport,
        ...(b.conversationId ? { conversationId: b.conversationId } : {}),
        ...(b.timeZone ? { timeZone: b.timeZone } : {}),
      };
      const result = await backend.submit(
        submission,
        b.proposedConfirmationNumber ? { proposedConfirmationNumber: b.proposedConfirmationNumber } : {},
      );
      if (!result.ok) return badRequest(res, [describeTicketError(result.error)]);
      res.send(result.duplicate ? 200 : 201, { ...recordJson(result.record), duplicate: result.duplicate });
    }),
  );

  server.get(
    '/api/tickets',
    guarded(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const search = url.searchParams;
      const tenantId = search.get('tenantId') ?? '';
      const limit = Number(search.get('limit') ?? '20');
      const cursor = search.get('cursor');
      if (!tenantId) return badRequest(res, [{ field: 'tenantId', message: 'is required' }]);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        return badRequest(res, [{ field: 'limit', message: 'must be a whole number from 1 to 100' }]);
      }
      const after = cursor === null ? undefined : decodeTicketListCursor(cursor);
      if (cursor !== null && !after) {
        return badRequest(res, [{ field: 'cursor', message: 'is not a cursor this service gave out' }]);
      }
      const records = await backend.listForTenant(tenantId, { limit, ...(after ? { after } : {}) });
      // A full page may have more after it: the next page starts after its last ticket.
      const last = records.length === limit ? records.at(-1) : undefined;
      const nextCursor =
        last &&
        encodeTicketListCursor({
          submittedAt: last.ticket.submittedAt,
          confirmationNumber: last.ticket.confirmationNumber,
        });
      let next: string | undefined;
      if (nextCursor) {
        const link = new URL(url);
        link.searchParams.set('cursor', nextCursor);
        next = `${link.pathname}${link.search}`;
        res.header('Link', `<${next}>; rel="next"`);
      }
      res.send(200, { items: records.map(recordJson), ...(next ? { next, nextCursor } : {}) });
    }),
  );

  server.get(
    '/api/tickets/:number',
    guarded(async (req, res) => {
      const tenantId = new URL(req.url ?? '/', 'http://localhost').searchParams.get('tenantId') ?? '';
      if (!tenantId) return badRequest(res, [{ field: 'tenantId', message: 'is required' }]);
      const number = String(req.params.number ?? '');
      const found = await backend.getWithHistoryForTenant(tenantId, number);
      if (!found) return notFound(res);
      res.send(200, { ...recordJson(found.record), history: historyJson(found.history) });
    }),
  );

  server.post(
    '/api/tickets/:number/messages',
    guarded(async (req, res) => {
      const body = publisherCommandBody.safeParse(req.body ?? {});
      if (!body.success) return badRequest(res, zodProblems(body.error));
      const { tenantId, actor, command } = body.data;
      const number = String(req.params.number ?? '');
      const post = async (): Promise<StoredResponse> => {
        const result = await backend.publisherCommand(tenantId, number, command as TicketCommand, {
          kind: 'publisher',
          id: actor.id,
          ...(actor.name ? { name: actor.name } : {}),
        });
        if (result.ok) return { status: 200, body: { ...recordJson(result.record), events: result.events } };
        if (result.error.key === 'ticket.notFound') return notFoundResponse;
        if (result.error.key === 'ticket.backendUnavailable') {
          return { status: 503, body: problem('unavailable', 'Try again later.') };
        }
        const fieldProblem = describeTicketError(result.error);
        if (isStateRefusal(result.error)) {
          return {
            status: 409,
            body: problem('state-conflict', fieldProblem.message, { problems: [fieldProblem] }),
          };
        }
        return badRequestResponse([fieldProblem]);
      };
      // With an Idempotency-Key a retried message (its first answer lost) is posted once.
      const key = (req.header('idempotency-key') || '').trim();
      if (key.length > maxIdempotencyKeyLength) {
        return badRequest(res, [{ field: 'Idempotency-Key', message: 'is longer than 200 characters' }]);
      }
      if (!key) {
        const response = await post();
        sendStatusAndBody(res, response.status, response.body);
        return;
      }
      const outcome = await idempotency.run(
        `messages:${key}`,
        `${tenantId} ${number} ${JSON.stringify(command)}`,
        post,
      );
      if (outcome.kind === 'mismatch') {
        sendProblem(res, 'idempotency-key-reused', 'This Idempotency-Key was used for another request.');
      } else if (outcome.kind === 'inProgress') {
        res.header('Retry-After', '1');
        sendProblem(res, 'request-in-progress', 'A request with this Idempotency-Key is still running.');
      } else {
        sendStatusAndBody(res, outcome.response.status, outcome.response.body);
      }
    }),
  );
}

const notFoundResponse: StoredResponse = {
  status: 404,
  body: problem('not-found', 'No such ticket.'),
};

function badRequestResponse(problems: readonly { field: string; message: string }[]): StoredResponse {
  return { status: 400, body: problem('invalid-request', 'The request is not valid.', { problems }) };
}

function recordJson(record: TicketRecord): Record<string, unknown> {
  return {
    ticket: record.ticket,
    ...(record.locale ? { locale: record.locale } : {}),
    ...(record.timeZone ? { timeZone: record.timeZone } : {}),
  };
}

function badRequest(res: Response, problems: readonly { field: string; message: string }[]): void {
  const response = badRequestResponse(problems);
  sendStatusAndBody(res, response.status, response.body);
}

function notFound(res: Response): void {
  sendStatusAndBody(res, notFoundResponse.status, notFoundResponse.body);
}
