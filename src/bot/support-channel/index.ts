import type { Kysely } from 'kysely';
import type { SupportService } from '../../backend/embedded/support-service';
import type { Config } from '../../config';
import type { Clock } from '../../domain/clock';
import type { Logger } from '../../logger';
import type { ProactiveChannel } from '../../notify/proactive-channel';
import type { SendGate } from '../../notify/send-gate';
import type { StoreEngine } from '../../store/store-engine';
import type { Database } from '../../store/tables';
import type { Command } from '../commands/command';
import { ChannelRegistrations } from './channel-registrations';
import { createRegisterChannelCommand, createUnregisterChannelCommand } from './register-channel-commands';
import { SupportCardFeed } from './support-card-feed';
import { TriageCardActions } from './triage-card-actions';

export { ChannelRegistrations } from './channel-registrations';
export { SupportCardFeed } from './support-card-feed';
export { TriageCardActions } from './triage-card-actions';

export interface SupportChannelParts {
  readonly db: Kysely<Database>;
  readonly engine: StoreEngine;
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly support: SupportService;
  readonly channel: ProactiveChannel;
  /** The notifier's send gate: Teams' limits are per bot, so both senders count against one budget. */
  readonly gate: SendGate;
}

/** Support's Teams channel: registration, triage card buttons and the feed that keeps the cards current. */
export interface SupportChannel {
  readonly registrations: ChannelRegistrations;
  readonly feed: SupportCardFeed;
  /** For createBot: the register/unregister commands and the card buttons. */
  readonly bot: { readonly commands: readonly Command[]; readonly cardActions: TriageCardActions };
}

export function createSupportChannel(parts: SupportChannelParts): SupportChannel {
  const { config } = parts;
  const registrations = new ChannelRegistrations(parts.db, parts.clock);
  const feed = new SupportCardFeed({
    db: parts.db,
    registrations,
    support: parts.support,
    channel: parts.channel,
    gate: parts.gate,
    clock: parts.clock,
    logger: parts.logger,
    settings: config.notify,
    timeZone: config.sla.timeZone,
    locale: config.support.channelLocale,
  });
  const cardActions = new TriageCardActions({
    registrations,
    support: parts.support,
    timeZone: config.sla.timeZone,
    onChanged: () => feed.wake(),
  });
  return {
    registrations,
    feed,
    bot: {
      commands: [
        createRegisterChannelCommand(registrations, () => feed.wake()),
        createUnregisterChannelCommand(registrations),
      ],
      cardActions,
    },
  };
}
