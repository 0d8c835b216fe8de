import type { Kysely } from 'kysely';
import type { SupportPort } from '../../backend/support-port';
import type { Config } from '../../config';
import type { Clock } from '../../domain/clock';
import type { Logger } from '../../logger';
import type { Doorbell } from '../../notify/doorbell';
import type { ProactiveChannel } from '../../notify/proactive-channel';
import { StateDocuments } from '../../store/state-documents';
import type { Database } from '../../store/tables';
import type { SupportCards } from '../../tickets';
import type { Command } from '../commands/command';
import { ChannelRegistrations } from './channel-registrations';
import { createRegisterChannelCommand, createUnregisterChannelCommand } from './register-channel-commands';
import { SupportChannelSink } from './support-channel-sink';
import { TriageCardActions } from './triage-card-actions';
import { TriageViewers } from './triage-viewers';

export { ChannelRegistrations } from './channel-registrations';
export { SupportChannelSink } from './support-channel-sink';
export { TriageCardActions } from './triage-card-actions';
export { TriageViewers } from './triage-viewers';

export interface SupportChannelParts {
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly support: SupportPort;
  /** The triage cards' rows (src/tickets). */
  readonly cards: SupportCards;
  readonly channel: ProactiveChannel;
  /** Rung when a channel is bound or a card button changed a ticket: the delivery engine looks at once. */
  readonly doorbell: Doorbell;
}

/** Support's Teams channel: registration, triage card buttons, and the delivery sink that keeps cards current. */
export interface SupportChannel {
  readonly registrations: ChannelRegistrations;
  /** Who works the cards (their Teams ids), listed in each card's refresh.userIds. */
  readonly viewers: TriageViewers;
  /** For the delivery engine. */
  readonly sink: SupportChannelSink;
  /** For createBot: the register/unregister commands and the card buttons. */
  readonly bot: { readonly commands: readonly Command[]; readonly cardActions: TriageCardActions };
}

export function createSupportChannel(parts: SupportChannelParts): SupportChannel {
  const { config, doorbell } = parts;
  const registrations = new ChannelRegistrations(parts.db, parts.clock);
  const viewers = new TriageViewers(new StateDocuments(parts.db, parts.clock));
  const sink = new SupportChannelSink({
    cards: parts.cards,
    registrations,
    support: parts.support,
    viewers,
    channel: parts.channel,
    clock: parts.clock,
    logger: parts.logger,
    timeZone: config.sla.timeZone,
    locale: config.support.channelLocale,
  });
  const cardActions = new TriageCardActions({
    registrations,
    support: parts.support,
    viewers,
    timeZone: config.sla.timeZone,
    onChanged: () => doorbell.ring(),
  });
  return {
    registrations,
    viewers,
    sink,
    bot: {
      commands: [
        createRegisterChannelCommand(registrations, viewers, () => doorbell.ring()),
        createUnregisterChannelCommand(registrations),
      ],
      cardActions,
    },
  };
}
