import type { Request, Response, Server } from 'restify';
import { guardedBy } from './guarded-route';
import type { SupportPort, SupportTicketPage } from '../../backend/support-port';
import type { Actor } from '../../domain/ticket';
import type { Logger } from '../../logger';
import type { Principal } from '../auth/auth-result';
import type { EvidenceService } from '../../evidence/evidence-service';
import { registerEvidenceRoutes } from './evidence-routes';
import type { ApiAuthenticator } from '../auth/create-api-authenticator';
import { describeTicketError, isStateRefusal } from './describe-ticket-error';
import { readTicketListQuery } from './read-ticket-list-query';
import { readSupportCommand, supportActions, type SupportAction } from './support-command-bodies';
import { encodeTicketListCursor } from '../../backend/ticket-list-cursor';
import { historyJson, readIfMatch, supportTicketJson, versionEtag } from './ticket-json';
import { sendProblem } from '../problem-details';

export interface SupportRoutesDeps {
  readonly support: SupportPort;
  readonly authenticator: ApiAuthenticator;
  readonly logger: Logger;
  /** Files of evidence (embedded backend): their list, download and scan verdict routes. */
  readonly evidence?: EvidenceService;
}

/**
 * The support REST API (docs/openapi.json): support analysts list, read and change tickets. Reads carry
 * an ETag of the ticket's version; every change needs If-Match with it (428 without, 412 when stale;
 * `If-Match: *` applies to whatever version is current, as RFC 9110 has it).
 */
export function registerSupportRoutes(server: Server, deps: SupportRoutesDeps): void {
  const { support, authenticator, logger } = deps;
  if (deps.evidence) registerEvidenceRoutes(server, { evidence: deps.evidence, authenticator, logger });
  const guarded = guardedBy(authenticator, logger);

  server.get(
    '/api/support/tickets',
    guarded(async (req, res) => {
      const search = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const query = readTicketListQuery(search);
      if (!query.ok) {
        sendProblem(res, 'invalid-request', 'The query is not valid.', { problems: query.problems });
        return;
      }
      const page = await support.list(query.filter);
      const next = nextPageLink(search, page, query.filter.after !== undefined);
      if (next) res.header('Link', `<${next.href}>; rel="next"`);
      res.send(200, {
        items: page.items.map(supportTicketJson),
        total: page.total,
        limit: page.limit,
        ...(query.filter.after ? {} : { offset: page.offset }),
        ...(next ? { next: next.href, nextCursor: next.cursor } : {}),
      });
    }),
  );

  server.get(
    '/api/support/tickets/:number',
    guarded(async (req, res) => {
      const found = await support.get(String(req.params.number ?? ''));
      if (!found) return notFound(res);
      res.header('ETag', versionEtag(found.view.version));
      res.send(200, { ticket: supportTicketJson(found.view), history: historyJson(found.history) });
    }),
  );

  for (const action of supportActions) {
    server.post(
      `/api/support/tickets/:number/${action}`,
      guarded((req, res, principal) => runCommand(req, res, principal, action)),
    );
  }

  async function runCommand(req: Request, res: Response, principal: Principal, action: SupportAction) {
    const expected = readIfMatch(req.header('if-match') || undefined);
    if (expected === 'missing') {
      sendProblem(
        res,
        'precondition-required',
        'Send If-Match with the ETag of the ticket you read, so no one else’s change is overwritten.',
      );
      return;
    }
    const parsed = readSupportCommand(action, req.body);
    if (!parsed.ok) {
      sendProblem(res, 'invalid-request', 'The body is not valid.', { problems: parsed.problems });
      return;
    }
    const actor: Actor = {
      kind: 'support',
      id: principal.id,
      ...(principal.name ? { name: principal.name } : {}),
    };
    const result = await support.execute(String(req.params.number ?? ''), parsed.command, actor, expected);
    if (result.ok) {
      res.header('ETag', versionEtag(result.view.version));
      res.send(200, { ticket: supportTicketJson(result.view), events: result.events });
      logger.info(
        {
          event: 'support.command',
          command: parsed.command.type,
          confirmationNumber: result.view.ticket.confirmationNumber,
          actor: actor.id,
        },
        'support changed a ticket',
      );
      return;
    }
    if (result.reason === 'notFound') return notFound(res);
    if (result.reason === 'conflict') {
      res.header('ETag', versionEtag(result.currentVersion));
      sendProblem(
        res,
        'precondition-failed',
        'The ticket changed since you read it; read it again and retry.',
        {
          currentVersion: result.currentVersion,
        },
      );
      return;
    }
    const problems = result.errors.map(describeTicketError);
    if (result.errors.some(isStateRefusal)) {
      sendProblem(res, 'state-conflict', problems[0]?.message ?? 'Not allowed now.', { problems });
      return;
    }
    sendProblem(res, 'invalid-request', 'The body is not valid.', { problems });
  }
}

/** Unknown and malformed numbers look the same: nothing tells whether a ticket exists. */
function notFound(res: Response): void {
  sendProblem(res, 'not-found', 'No such ticket.');
}

/**
 * The next page's link, with the same filters and a cursor after this page's last ticket; none when
 * this page is the last (fewer tickets than asked for, or the offset reached the total).
 */
function nextPageLink(
  search: URLSearchParams,
  page: SupportTicketPage,
  byCursor: boolean,
): { href: string; cursor: string } | undefined {
  const last = page.items[page.items.length - 1];
  if (!last || page.items.length < page.limit) return undefined;
  if (!byCursor && page.offset + page.items.length >= page.total) return undefined;
  const cursor = encodeTicketListCursor({
    submittedAt: last.ticket.submittedAt,
    confirmationNumber: last.ticket.confirmationNumber,
  });
  const params = new URLSearchParams(search);
  params.delete('offset');
  params.set('cursor', cursor);
  params.set('limit', String(page.limit));
  return { href: `/api/support/tickets?${params.toString()}`, cursor };
}
