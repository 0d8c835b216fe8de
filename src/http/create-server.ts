import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import restify, { type Server } from 'restify';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { runInRequest } from '../observability/request-context';
import { sendProblemDocument } from './problem-details';
import { readRequestId } from './read-request-id';
import { restifyErrorProblem } from './restify-error-problem';

export interface ServerOptions {
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  /** Counts every request by route and status when given. */
  readonly metrics?: Metrics;
}

/** Probes and scrapes come every few seconds: their access lines are debug, unless they fail. */
const quietPaths = new Set(['/livez', '/readyz', '/healthz', '/metrics']);

/**
 * The restify host: a request id on every request (the caller's sane `x-request-id` or a new one,
 * returned in `x-request-id` and on every log line written for the request), one access log line per
 * request (pino-http), JSON bodies up to `maxBodyBytes`, and every error restify raises itself (no
 * route, wrong method, 413, 415, malformed JSON) answered as RFC 9457 problem details.
 */
export function createServer({ logger, maxBodyBytes, metrics }: ServerOptions): Server {
  const server = restify.createServer({
    name: 'security-desk',
    log: logger.child({ component: 'restify' }) as never,
  });
  const accessLog = pinoHttp({
    logger,
    // The id is read in the pre handler below: pino-http takes it from `req.id`.
    genReqId: (req: IncomingMessage) => String((req as { id?: unknown }).id),
    serializers: {
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) => {
      // 503 is a refusal with Retry-After (not ready, keys unreachable), said once where it is decided:
      // one line a request at error level would drown that line. pino-http makes an `err` for any 5xx.
      if (res.statusCode === 503) return 'warn';
      if (err || res.statusCode >= 500) return 'error';
      return quietPaths.has(pathOf(req.url)) && res.statusCode < 400 ? 'debug' : 'info';
    },
    customSuccessObject: (_req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => ({
      ...value,
      event: 'http.access',
    }),
    customErrorObject: (
      _req: IncomingMessage,
      _res: ServerResponse,
      _err: Error,
      value: Record<string, unknown>,
    ) => ({ ...value, event: 'http.access' }),
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse, responseTime: number) =>
      `${req.method ?? '?'} ${pathOf(req.url)} ${res.statusCode} ${Math.round(responseTime)} ms`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method ?? '?'} ${pathOf(req.url)} ${res.writableFinished ? res.statusCode : 'aborted'}`,
  });

  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const requestId = readRequestId(req.headers['x-request-id']);
    // An own property: it shadows restify's req.id() (unused here), as pino-http reads `req.id`.
    Object.defineProperty(req, 'id', { value: requestId, configurable: true, writable: true });
    res.setHeader('x-request-id', requestId);
    accessLog(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    return next();
  });
  // A body in any other type than JSON (or a form) is a 415, not silently an empty body.
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: maxBodyBytes,
      mapParams: false,
      mapFiles: false,
      rejectUnknown: true,
    }),
  );
  // After the body is read (its stream events would lose the context): every log line from here on,
  // the turn's included, carries the request's id.
  server.use((req: restify.Request, _res: restify.Response, next: restify.Next) =>
    runInRequest(requestIdOf(req), () => next()),
  );

  server.on('after', (req: restify.Request, res: restify.Response, route?: { path?: unknown }) => {
    metrics?.httpRequests.inc({
      method: req.method ?? 'UNKNOWN',
      route: typeof route?.path === 'string' ? route.path : 'unmatched',
      status: String(res.statusCode),
    });
  });

  server.on(
    'restifyError',
    (
      req: restify.Request,
      res: restify.Response,
      err: Error & { statusCode?: number },
      callback: () => void,
    ) => {
      const document = restifyErrorProblem(err, {
        method: req.method ?? 'GET',
        path: req.path(),
        maxBodyBytes,
      });
      const entry = {
        event: 'http.refused',
        reqId: requestIdOf(req),
        method: req.method,
        path: req.path(),
        status: document.status,
        reason: err.name,
      };
      if (document.status >= 500) logger.error({ ...entry, err }, 'request failed');
      else logger.warn(entry, 'request refused');
      if (!res.headersSent) sendProblemDocument(res, document);
      return callback();
    },
  );
  return server;
}

function requestIdOf(req: restify.Request): string {
  return String((req as unknown as { id: unknown }).id);
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
