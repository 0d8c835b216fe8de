import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import type { ApiAuthenticator } from './auth/create-api-authenticator';
import { requireAuth } from './auth/require-auth';
import { sendProblem } from './problem-details';

/**
 * GET /metrics: Prometheus text, behind the support API's authentication (the same bearer key or Entra
 * role): the figures name no one, but outbox depth and overdue counts are support's business, and one
 * port is what App Service gives (docs/decisions/operations.md).
 */
export function registerMetricsRoute(
  server: Server,
  deps: { readonly metrics: Metrics; readonly authenticator: ApiAuthenticator; readonly logger: Logger },
): void {
  server.get('/metrics', async (req: Request, res: Response) => {
    if (!(await requireAuth(req, res, deps.authenticator, deps.logger))) return;
    try {
      const { contentType, body } = await deps.metrics.text();
      res.sendRaw(200, body, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    } catch (err) {
      deps.logger.error({ event: 'http.failed', path: '/metrics', err }, 'metrics could not be collected');
      sendProblem(res, 'internal-error', 'The metrics could not be collected; retry.');
    }
  });
}
