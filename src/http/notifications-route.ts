import type { Request, Response, Server } from 'restify';
import type { Config } from '../config';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { TicketStore } from '../tickets';
import { createBearerVerifier, type BearerVerifier } from './auth/create-bearer-verifier';
import { readWebhookEventBody } from './notifications/webhook-event-body';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from './notifications/verify-webhook-signature';
import { sendProblem } from './problem-details';

export interface NotificationsRouteDeps {
  readonly settings: Config['notify']['webhook'];
  /** Stores the event (and wakes delivery) through the domain's own transitions. */
  readonly tickets: TicketStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Overrides the Entra verifier built from the settings (tests give one with local keys). */
  readonly verifier?: BearerVerifier;
}

/**
 * POST /api/notifications: events from a remote ticket service. Authenticated by an Entra ID bearer token
 * (validated against the tenant's JWKS) or an HMAC-SHA256 signature with a timestamp; 401 with nothing
 * stored otherwise. Answered 200 only once the event, its outbox row and the mirrored ticket are stored.
 */
export function registerNotificationsRoute(server: Server, deps: NotificationsRouteDeps): void {
  const { settings, tickets, clock, logger } = deps;
  const verifier = deps.verifier ?? bearerVerifier(settings, clock, logger);
  if (!verifier && !settings.hmacSecret) {
    logger.warn(
      { event: 'notify.webhook_unconfigured' },
      'POST /api/notifications refuses every call: set NOTIFY_WEBHOOK_HMAC_SECRET or NOTIFY_WEBHOOK_TENANT_ID',
    );
  }

  server.post('/api/notifications', async (req: Request, res: Response) => {
    const refuse = (reason: string) => {
      logger.warn(
        { event: 'http.refused', path: '/api/notifications', status: 401, reason },
        'webhook refused',
      );
      res.header('WWW-Authenticate', 'Bearer realm="security-desk"');
      sendProblem(res, 'unauthorized', 'A valid bearer token or signature is required.');
    };
    const authorization = req.header('authorization') || undefined;
    if (authorization) {
      if (!verifier) return refuse('bearer tokens are not configured');
      const result = await verifier.verify(authorization);
      if (!result.ok) {
        if (result.status === 503) {
          res.header('Retry-After', '5');
          sendProblem(res, 'unavailable', 'Tokens cannot be verified right now; try again.');
          return;
        }
        if (result.status === 403) {
          logger.warn(
            { event: 'http.refused', path: '/api/notifications', status: 403, reason: result.reason },
            'webhook refused',
          );
          sendProblem(res, 'forbidden', 'The token lacks the ticket service role.');
          return;
        }
        return refuse(result.reason);
      }
    } else {
      if (!settings.hmacSecret) return refuse('no bearer token');
      const raw = (req as Request & { rawBody?: unknown }).rawBody;
      const check = verifyWebhookSignature({
        secret: settings.hmacSecret,
        signature: req.header(SIGNATURE_HEADER) || undefined,
        timestamp: req.header(TIMESTAMP_HEADER) || undefined,
        rawBody: typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '',
        now: clock.now(),
        replayWindowSeconds: settings.replayWindowSeconds,
      });
      if (!check.ok) return refuse(check.reason);
    }

    const body = readWebhookEventBody(req.body);
    if (!body.ok) {
      logger.warn(
        {
          event: 'http.refused',
          path: '/api/notifications',
          status: 400,
          fields: body.problems.map((p) => p.field),
        },
        'webhook event not valid',
      );
      sendProblem(res, 'invalid-request', 'The event is not valid.', { problems: body.problems });
      return;
    }
    try {
      const result = await tickets.storeRemoteEvent(body.value, clock.now());
      switch (result.status) {
        case 'stored':
          res.send(200, { status: 'stored', eventId: body.value.eventId });
          return;
        case 'duplicate':
          res.send(200, { status: 'duplicate', eventId: body.value.eventId });
          return;
        case 'unknownTicket':
        case 'notOwned':
        case 'refused': {
          const type = body.value.event.type;
          logger.warn(
            {
              event: 'notify.webhook_refused',
              reason: result.status,
              eventType: type,
              ...(result.status === 'refused' ? { state: result.state } : {}),
            },
            'webhook event refused',
          );
          if (result.status === 'unknownTicket') {
            sendProblem(res, 'not-found', 'No ticket has this confirmation number.', {
              problems: [{ field: 'confirmationNumber', message: 'names no ticket' }],
            });
            return;
          }
          if (result.status === 'notOwned') {
            sendProblem(
              res,
              'state-conflict',
              'This ticket is not filed with the remote ticket service; its events are not taken.',
              {
                problems: [
                  { field: 'confirmationNumber', message: 'is not a ticket filed with the remote service' },
                ],
              },
            );
            return;
          }
          sendProblem(
            res,
            'state-conflict',
            `The ticket is ${result.state}; this event cannot happen to it now.`,
            {
              problems: [
                {
                  field: 'type',
                  key: 'ticket.transition.notAllowed',
                  message: `${type} is not allowed from ${result.state}`,
                },
              ],
            },
          );
          return;
        }
        case 'busy':
          res.header('Retry-After', '1');
          sendProblem(res, 'unavailable', 'Another event for this ticket is being stored; retry.');
          return;
      }
    } catch (error) {
      logger.error(
        { event: 'http.failed', path: '/api/notifications', err: error },
        'storing a webhook event failed',
      );
      sendProblem(res, 'internal-error', 'The event was not stored; retry.');
    }
  });
}

function bearerVerifier(
  settings: Config['notify']['webhook'],
  clock: Clock,
  logger: Logger,
): BearerVerifier | undefined {
  if (!settings.jwt) return undefined;
  if (!settings.jwt.audience) {
    logger.warn(
      { event: 'notify.webhook_no_audience' },
      'NOTIFY_WEBHOOK_AUDIENCE is not set: bearer tokens are refused on /api/notifications',
    );
    return undefined;
  }
  return createBearerVerifier({ ...settings.jwt, requiredRole: settings.role, now: () => clock.now() });
}
