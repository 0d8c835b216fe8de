import type { Request, Response, Server } from 'restify';
import type { NotReadyReason } from '../observability/store-readiness';
import { sendProblem } from './problem-details';

export type Readiness = { ready: true } | { ready: false; reason: NotReadyReason; detail: string };

/**
 * GET /livez: 200 while the process serves at all (a restart is the cure only when this fails).
 * GET /readyz: 200 when traffic may come — the store answers, its migrations are applied and the app
 * is not shutting down — otherwise 503 problem details naming the reason. GET /healthz answers as
 * /readyz (what it always meant: "send me traffic").
 */
export function registerHealthRoutes(server: Server, readiness: () => Promise<Readiness>): void {
  server.get('/livez', async (_req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    res.send(200, { status: 'live' });
  });
  const ready = async (_req: Request, res: Response) => {
    const result = await readiness();
    if (result.ready) {
      res.header('Cache-Control', 'no-store');
      res.send(200, { status: 'ready' });
      return;
    }
    if (result.reason !== 'shutting-down') res.header('Retry-After', '5');
    sendProblem(res, 'not-ready', result.detail, { reason: result.reason });
  };
  server.get('/readyz', ready);
  server.get('/healthz', ready);
}
