import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../logger';

/** What a request's own code knows about it wherever it is: its id, for every log line it writes. */
interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it awaits) as part of the request `requestId`. */
export function runInRequest<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * A logger whose lines carry `reqId` when written on behalf of a request (the turn's lines, the
 * support API's), so an operator can follow one request from its access log line.
 */
export function withRequestIds(logger: Logger): Logger {
  return logger.child(
    {},
    {
      formatters: {
        log: (object: object) => {
          const requestId = storage.getStore()?.requestId;
          return requestId && !('reqId' in object) ? { ...object, reqId: requestId } : object;
        },
      },
    },
  );
}
