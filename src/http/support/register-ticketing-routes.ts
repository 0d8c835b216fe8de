import type { Server } from 'restify';
import type { Ticketing } from '../../backend/create-ticketing';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { createApiAuthenticator } from '../auth/create-api-authenticator';
import { registerTicketRoutes } from '../tickets/register-ticket-routes';
import type { ChannelRegistrations } from '../../bot/support-channel/channel-registrations';
import { registerChannelRegistrationsRoute } from './channel-registrations-route';
import { registerSupportRoutes } from './register-support-routes';

/**
 * The embedded ticket service's HTTP APIs: /api/support (support analysts, role SUPPORT_AUTH_ROLE) and
 * /api/tickets (services filing for publishers, role TICKETS_API_ROLE). With a remote backend the
 * tickets live elsewhere, so neither is served.
 */
export function registerTicketingRoutes(
  server: Server,
  deps: {
    readonly ticketing: Ticketing;
    readonly config: Config;
    readonly logger: Logger;
    /** Support channel registration codes (POST /api/support/channel-registrations). */
    readonly channelRegistrations?: ChannelRegistrations;
  },
): void {
  const { ticketing, config, logger } = deps;
  if (ticketing.kind !== 'embedded') return;
  const supportAuth = createApiAuthenticator(config, config.support.role);
  if (!supportAuth.configured) {
    logger.warn(
      { event: 'support_api.closed' },
      'support API: no SUPPORT_AUTH_TENANT_ID (or, in local mode, SUPPORT_API_KEY) is set, so every request is refused',
    );
  }
  registerSupportRoutes(server, { support: ticketing.support, authenticator: supportAuth, logger });
  if (deps.channelRegistrations)
    registerChannelRegistrationsRoute(server, {
      registrations: deps.channelRegistrations,
      authenticator: supportAuth,
      logger,
    });
  registerTicketRoutes(server, {
    backend: ticketing.backend,
    idempotency: ticketing.idempotency,
    authenticator: createApiAuthenticator(config, config.support.serviceRole),
    logger,
  });
}
