import type { Request, Response, Server } from 'restify';
import type { ChannelRegistrations } from '../../bot/support-channel/channel-registrations';
import type { Logger } from '../../logger';
import type { ApiAuthenticator } from '../auth/create-api-authenticator';
import { requireAuth } from '../auth/require-auth';
import { sendProblem } from '../problem-details';

/**
 * POST /api/support/channel-registrations: a one-time code (15 minutes) that makes a Teams channel the
 * support channel when typed there ("@Security Desk register support channel <code>"). Only support can
 * get one, so a publisher who installs the bot in its own team cannot make that team support.
 */
export function registerChannelRegistrationsRoute(
  server: Server,
  deps: {
    readonly registrations: ChannelRegistrations;
    readonly authenticator: ApiAuthenticator;
    readonly logger: Logger;
  },
): void {
  const { registrations, authenticator, logger } = deps;
  server.post('/api/support/channel-registrations', async (req: Request, res: Response) => {
    const principal = await requireAuth(req, res, authenticator, logger);
    if (!principal) return;
    const body: unknown = req.body;
    const empty =
      body === undefined ||
      body === null ||
      body === '' ||
      (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
    if (!empty) {
      sendProblem(res, 'invalid-request', 'The body is not valid.', {
        problems: [{ field: '(body)', message: 'must be empty or {}' }],
      });
      return;
    }
    try {
      const issued = await registrations.issueCode({
        id: principal.id,
        ...(principal.name ? { name: principal.name } : {}),
      });
      res.header('Cache-Control', 'no-store');
      res.send(201, issued);
      logger.info(
        { event: 'support_channel.code_issued', actor: principal.id, expiresAt: issued.expiresAt },
        'support channel registration code issued',
      );
    } catch (err) {
      logger.error({ event: 'http.failed', path: req.path(), err }, 'support API request failed');
      sendProblem(res, 'internal-error', 'The request failed; nothing was changed.');
    }
  });
}
