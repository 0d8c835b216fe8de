import type { Request, Response, Server } from 'restify';

/** GET /healthz: 200 while the bot can serve, 503 once it is shutting down. */
export function registerHealthRoute(server: Server, isServing: () => boolean): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    if (isServing()) res.send(200, { status: 'ok' });
    else res.send(503, { status: 'shutting-down' });
  });
}
