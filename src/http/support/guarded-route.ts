import type { Request, Response } from 'restify';
import type { Logger } from '../../logger';
import type { Principal } from '../auth/auth-result';
import type { ApiAuthenticator } from '../auth/create-api-authenticator';
import { requireAuth } from '../auth/require-auth';
import { sendProblem } from '../problem-details';

export type GuardedHandler = (req: Request, res: Response, principal: Principal) => Promise<void>;

/**
 * A support API route: authenticated first (401/403 problems from `requireAuth`), and a failure inside
 * is one log line and a 500 problem that says nothing was changed — never a stack trace to the caller.
 */
export function guardedBy(authenticator: ApiAuthenticator, logger: Logger) {
  return (handler: GuardedHandler) => async (req: Request, res: Response) => {
    const principal = await requireAuth(req, res, authenticator, logger);
    if (!principal) return;
    try {
      await handler(req, res, principal);
    } catch (err) {
      logger.error({ event: 'http.failed', path: req.path(), err }, 'support API request failed');
      sendProblem(res, 'internal-error', 'The request failed; nothing was changed.');
    }
  };
}
