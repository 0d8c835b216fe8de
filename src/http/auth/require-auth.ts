import type { Request, Response } from 'restify';
import type { Logger } from '../../logger';
import type { AuthFailure, Principal } from './auth-result';
import type { ApiAuthenticator } from './create-api-authenticator';
import { sendProblem } from '../problem-details';

const realm = 'security-desk';

/**
 * Authenticates the request; on failure answers it (401 with a WWW-Authenticate challenge, 403, or 503)
 * and logs one line with the reason — never the token — and returns undefined.
 */
export async function requireAuth(
  req: Request,
  res: Response,
  authenticator: ApiAuthenticator,
  logger: Logger,
): Promise<Principal | undefined> {
  const result = await authenticator.authenticate(req.header('authorization') || undefined);
  if (result.ok) return result.principal;
  refuse(req, res, result, logger);
  return undefined;
}

function refuse(req: Request, res: Response, failure: AuthFailure, logger: Logger): void {
  logger.warn(
    {
      event: 'http.refused',
      method: req.method,
      path: req.path(),
      status: failure.status,
      reason: failure.reason,
    },
    'request not authorised',
  );
  if (failure.status === 401) {
    const error = failure.error ? `, error="${failure.error}"` : '';
    res.header('WWW-Authenticate', `Bearer realm="${realm}"${error}`);
    sendProblem(res, 'unauthorized', 'A valid bearer token is required.');
  } else if (failure.status === 403) {
    res.header('WWW-Authenticate', `Bearer realm="${realm}", error="insufficient_scope"`);
    sendProblem(res, 'forbidden', 'The token does not grant the role this API needs.');
  } else {
    res.header('Retry-After', '5');
    sendProblem(res, 'unavailable', 'Tokens cannot be verified right now; try again.');
  }
}
