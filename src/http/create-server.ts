import restify, { type Server } from 'restify';
import type { Logger } from '../logger';

export interface ServerOptions {
  readonly logger: Logger;
  readonly maxBodyBytes: number;
}

/**
 * The restify host: JSON bodies up to `maxBodyBytes` (413 past it, 400 when malformed), one log line
 * per refused request, and an in-flight count so shutdown can let turns finish.
 */
export function createServer({ logger, maxBodyBytes }: ServerOptions): Server {
  const server = restify.createServer({
    name: 'security-desk',
    log: logger.child({ component: 'restify' }) as never,
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false, mapFiles: false }));

  server.on(
    'restifyError',
    (
      req: restify.Request,
      _res: restify.Response,
      err: Error & { statusCode?: number },
      callback: () => void,
    ) => {
      const status = err.statusCode ?? 500;
      const entry = { event: 'http.refused', method: req.method, path: req.path(), status, reason: err.name };
      if (status >= 500) logger.error({ ...entry, err }, 'request failed');
      else logger.warn(entry, 'request refused');
      return callback();
    },
  );
  return server;
}
