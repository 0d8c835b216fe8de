import type { Request, Response, Server } from 'restify';
import type { SupportPort } from '../../backend/support-port';
import type { Actor } from '../../domain/ticket';
import type { Logger } from '../../logger';
import type { Principal } from '../auth/auth-result';
import type { ApiAuthenticator } from '../auth/create-api-authenticator';
import { requireAuth } from '../auth/require-auth';
import { describeTicketError, isStateRefusal } from './describe-ticket-error';
import { readTicketListQuery } from './read-ticket-list-query';
import { readSupportCommand, supportActions, type SupportAction } from './support-command-bodies';
import { historyJson, readIfMatch, supportTicketJson, versionEtag } from './ticket-json';

export interface SupportRoutesDeps {
  readonly support: SupportPort;
  readonly authenticator: ApiAuthenticator;
  readonly logger: Logger;
}

/**
 * The support REST API (docs/openapi.json): support analysts list, read and change tickets. Reads carry
 * an ETag of the ticket's version; every change needs If-Match with it (428 without, 412 when stale;
 * `If-Match: *` applies to whatever version is current, as RFC 9110 has it).
 */
export function registerSupportRoutes(server: Server, deps: SupportRoutesDeps): void {
  const { support, authenticator, logger } = deps;
  const guarded =
    (handler: (req: Request, res: Response, principal: Principal) => Promise<void>) =>
    async (req: Request, res: Response) => {
      const principal = await requireAuth(req, res, authenticator, logger);
      if (!principal) return;
      try {
        await handler(req, res, principal);
      } catch (err) {
        logger.error({ event: 'http.failed', path: req.path(), err }, 'support API request failed');
        res.send(500, { error: 'InternalError', message: 'The request failed; nothing was changed.' });
      }
    };

  server.get(
    '/api/support/tickets',
    guarded(async (req, res) => {
      const query = readTicketListQuery(new URL(req.url ?? '/', 'http://localhost').searchParams);
      if (!query.ok) {
        res.send(400, { error: 'BadRequest', message: 'The query is not valid.', problems: query.problems });
        return;
      }
      const page = await support.list(query.filter);
      res.send(200, { ...page, items: page.items.map(supportTicketJson) });
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
      res.send(428, {
        error: 'PreconditionRequired',
        message:
          'Send If-Match with the ETag of the ticket you read, so no one else’s change is overwritten.',
      });
      return;
    }
    const parsed = readSupportCommand(action, req.body);
    if (!parsed.ok) {
      res.send(400, { error: 'BadRequest', message: 'The body is not valid.', problems: parsed.problems });
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
      res.send(412, {
        error: 'PreconditionFailed',
        message: 'The ticket changed since you read it; read it again and retry.',
        currentVersion: result.currentVersion,
      });
      return;
    }
    const problems = result.errors.map(describeTicketError);
    if (result.errors.some(isStateRefusal)) {
      res.send(409, { error: 'Conflict', message: problems[0]?.message ?? 'Not allowed now.', problems });
      return;
    }
    res.send(400, { error: 'BadRequest', message: 'The body is not valid.', problems });
  }
}

/** Unknown and malformed numbers look the same: nothing tells whether a ticket exists. */
function notFound(res: Response): void {
  res.send(404, { error: 'NotFound', message: 'No such ticket.' });
}
