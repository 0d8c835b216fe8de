import type { Server } from 'restify';
import type { SupportDesk } from '../../backend/support-port';
import type { Config } from '../../config';
import type { EvidenceService } from '../../evidence/evidence-service';
import type { Logger } from '../../logger';
import { createApiAuthenticator } from '../auth/create-api-authenticator';
import { registerTicketRoutes } from '../tickets/register-ticket-routes';
import type { ChannelRegistrations } from '../../bot/support-channel/channel-registrations';
import { registerChannelRegistrationsRoute } from './channel-registrations-route';
import { registerSupportRoutes } from './register-support-routes';
import { registerCustomerDraftsRoutes } from './customer-drafts-routes';
import type { CustomerDraftDesk } from '../../backend/customer-draft-desk';

/**
 * The support desk's HTTP APIs: /api/support (support analysts, role SUPPORT_AUTH_ROLE) and /api/tickets
 * (services filing for publishers, role TICKETS_API_ROLE). A deployment that runs no support desk (its
 * tickets live in a remote service) serves neither.
 */
export function registerTicketingRoutes(
  server: Server,
  deps: {
    readonly supportDesk: SupportDesk | undefined;
    /** Customer drafts: support reads what publishers shared and proposes edits. */
    readonly draftDesk: CustomerDraftDesk;
    readonly config: Config;
    readonly logger: Logger;
    /** Support channel registration codes (POST /api/support/channel-registrations). */
    readonly channelRegistrations?: ChannelRegistrations;
    /** Files of evidence (support lists, downloads and scans them). */
    readonly evidence?: EvidenceService;
  },
): void {
  const { supportDesk, config, logger } = deps;
  if (!supportDesk) return;
  const supportAuth = createApiAuthenticator(config, config.support.role);
  if (!supportAuth.configured) {
    logger.warn(
      { event: 'support_api.closed' },
      'support API: no SUPPORT_AUTH_TENANT_ID (or, in local mode, SUPPORT_API_KEY) is set, so every request is refused',
    );
  }
  registerSupportRoutes(server, {
    support: supportDesk.support,
    authenticator: supportAuth,
    logger,
    ...(deps.evidence ? { evidence: deps.evidence } : {}),
  });
  registerCustomerDraftsRoutes(server, { desk: deps.draftDesk, authenticator: supportAuth, logger });
  if (deps.channelRegistrations)
    registerChannelRegistrationsRoute(server, {
      registrations: deps.channelRegistrations,
      authenticator: supportAuth,
      logger,
    });
  registerTicketRoutes(server, {
    backend: supportDesk.ticketService,
    idempotency: supportDesk.idempotency,
    authenticator: createApiAuthenticator(config, config.support.serviceRole),
    logger,
  });
}
