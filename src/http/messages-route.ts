import type { Request, Response, Server } from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { SecurityDeskAdapter } from '../bot/create-adapter';
import type { Logger } from '../logger';
import { parseInboundActivity } from './parse-inbound-activity';

/**
 * POST /api/messages: the Bot Framework endpoint. The body is checked before the adapter sees it, and the
 * adapter's own token check answers 401; a turn runs to its end before the response goes back.
 */
export function registerMessagesRoute(
  server: Server,
  adapter: SecurityDeskAdapter,
  bot: ActivityHandler,
  logger: Logger,
): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = parseInboundActivity(req.body);
    if (!parsed.ok) {
      logger.warn(
        { event: 'http.refused', path: '/api/messages', status: 400, reason: parsed.problem },
        'bad activity',
      );
      res.send(400, { error: 'BadRequest', message: `Not a Bot Framework activity: ${parsed.problem}` });
      return;
    }
    const authorization = req.header('authorization') ?? '';
    try {
      const invokeResponse = await adapter.processInbound(authorization, parsed.activity, (context) =>
        bot.run(context),
      );
      if (invokeResponse) res.send(invokeResponse.status, invokeResponse.body);
      else res.send(200);
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status === 401 || status === 403) {
        logger.warn(
          { event: 'http.refused', path: '/api/messages', status: 401, reason: 'token rejected' },
          'unauthorised activity',
        );
        res.send(401, { error: 'Unauthorized' });
        return;
      }
      logger.error({ event: 'http.failed', path: '/api/messages', err: error }, 'activity processing failed');
      res.send(500, { error: 'InternalError' });
    }
  });
}
