import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger';
import type { Outbox } from '../../tickets';
import type { ApiAuthenticator } from '../auth/create-api-authenticator';
import { requireAuth } from '../auth/require-auth';
import { sendProblem } from '../problem-details';

/**
 * GET /api/support/dead-letters: notifications given up on (after the attempt limit, or because the
 * publisher cannot be reached), newest first, for support to follow up by other means. Support API auth.
 */
export function registerDeadLettersRoute(
  server: Server,
  deps: { queue: Outbox; authenticator: ApiAuthenticator; logger: Logger },
): void {
  server.get('/api/support/dead-letters', async (req: Request, res: Response) => {
    const principal = await requireAuth(req, res, deps.authenticator, deps.logger);
    if (!principal) return;
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const limit = readInt(params.get('limit'), 50, 1, 200);
    const offset = readInt(params.get('offset'), 0, 0, 1_000_000);
    if (limit === undefined || offset === undefined) {
      sendProblem(res, 'invalid-request', 'limit must be 1-200 and offset 0 or more.', {
        problems: [
          ...(limit === undefined
            ? [{ field: 'limit', message: 'must be a whole number from 1 to 200' }]
            : []),
          ...(offset === undefined
            ? [{ field: 'offset', message: 'must be a whole number, 0 or more' }]
            : []),
        ],
      });
      return;
    }
    try {
      const page = await deps.queue.listDead(limit, offset);
      res.send(200, { ...page, limit, offset });
    } catch (error) {
      deps.logger.error(
        { event: 'http.failed', path: '/api/support/dead-letters', err: error },
        'listing failed',
      );
      sendProblem(res, 'internal-error', 'The dead letters could not be read.');
    }
  });
}

function readInt(raw: string | null, fallback: number, min: number, max: number): number | undefined {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}
