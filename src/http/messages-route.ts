import type { Request, Response, Server } from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { SecurityDeskAdapter } from '../bot/create-adapter';
import type { Logger } from '../logger';
import type { BotTokenVerifier } from './bot-auth/verify-bot-token';
import type { Metrics } from '../observability/metrics';
import { turnKind } from '../observability/turn-kind';
import { parseInboundActivity } from './parse-inbound-activity';
import { sendProblem } from './problem-details';

/**
 * POST /api/messages: the Bot Framework endpoint. The body is checked before the adapter sees it (400
 * naming the field, nothing stored), then — unless in local mode — the Bot Connector's token (401 for
 * any token that does not verify, 503 with Retry-After while the signing keys cannot be had); a turn
 * runs to its end before the response goes back. One log line per refused request.
 */
export function registerMessagesRoute(
  server: Server,
  adapter: SecurityDeskAdapter,
  bot: ActivityHandler,
  logger: Logger,
  /** Undefined in local mode (no MicrosoftAppId): botbuilder lets anonymous requests through. */
  verifier: BotTokenVerifier | undefined,
  /** Turn latency by kind of turn (security_desk_turn_duration_seconds). */
  metrics?: Metrics,
): void {
  const refused = (status: number, reason: string) =>
    logger.warn({ event: 'http.refused', path: '/api/messages', status, reason }, 'activity refused');

  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = parseInboundActivity(req.body);
    if (!parsed.ok) {
      const [first] = parsed.problems;
      refused(400, `${first.field}: ${first.message}`);
      sendProblem(res, 'invalid-request', `Not a Bot Framework activity: ${first.field} ${first.message}`, {
        problems: parsed.problems,
      });
      return;
    }
    const { activity } = parsed;
    const authorization = req.header('authorization') || undefined;
    let verified: Readonly<Record<string, unknown>> | undefined;
    if (verifier) {
      const result = await verifier.verify(authorization, activity);
      if (!result.ok && result.status === 503) {
        refused(503, result.reason);
        res.header('Retry-After', String(result.retryAfterSeconds));
        sendProblem(
          res,
          'unavailable',
          'The Bot Connector’s signing keys cannot be fetched right now; try again.',
        );
        return;
      }
      if (!result.ok) {
        refused(401, result.reason);
        res.header('WWW-Authenticate', 'Bearer realm="security-desk", error="invalid_token"');
        sendProblem(res, 'unauthorized', 'A valid Bot Connector token is required.');
        return;
      }
      verified = result.claims;
    }
    const endTurn = metrics?.turnSeconds.startTimer({ kind: turnKind(activity) });
    try {
      const logic = (context: Parameters<ActivityHandler['run']>[0]) => bot.run(context);
      const invokeResponse = verified
        ? await adapter.processVerified(verified, activity, logic)
        : await adapter.processInbound(authorization ?? '', activity, logic);
      endTurn?.();
      if (invokeResponse) res.send(invokeResponse.status, invokeResponse.body);
      else res.send(200);
    } catch (error) {
      endTurn?.();
      logger.error({ event: 'http.failed', path: '/api/messages', err: error }, 'activity processing failed');
      sendProblem(res, 'internal-error', 'The activity was not processed; retry.');
    }
  });
}
