import type { CloudAdapter, TurnContext } from 'botbuilder';
import { pickLocale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import type { Logger } from '../logger';

/**
 * A turn that throws: logged once for the operator (no message text), and the person is told that this
 * message was not processed. A state conflict means a second turn of the same conversation won the race
 * (a double click): nothing is lost, the person already has that turn's answer, so we stay quiet.
 */
export function installTurnErrorHandler(adapter: CloudAdapter, logger: Logger): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const activity = context.activity;
    const entry = { event: 'turn.failed', activityType: activity.type, requestId: activity.id, err: error };
    if (error?.name === 'EtagConflictError') {
      logger.info({ ...entry, err: undefined, reason: 'concurrent turn' }, 'turn lost a state race');
      return;
    }
    logger.error(entry, 'turn failed');
    if (activity.type !== 'message') return;
    try {
      await context.sendActivity(translate(pickLocale(activity.locale), 'common.error'));
    } catch (sendError) {
      logger.warn(
        { event: 'turn.apology_failed', err: sendError },
        'could not tell the user about the failure',
      );
    }
  };
}
