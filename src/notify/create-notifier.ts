import type { Config } from '../config';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { ConversationReferences } from '../store/conversation-references';
import type { Store } from '../store/create-store';
import { OutboxQueue } from './outbox-queue';
import { OutboxWorker } from './outbox-worker';
import type { ProactiveChannel } from './proactive-channel';
import { renderStatusCardFromRow } from './render-status-card';
import type { SendGate } from './send-gate';

export interface NotifierParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: Store;
  readonly references: ConversationReferences;
  readonly channel: ProactiveChannel;
  /** Teams' send limits; one gate for every sender of this bot (the limits are per bot). */
  readonly gate: SendGate;
}

export interface Notifier {
  readonly worker: OutboxWorker;
  readonly queue: OutboxQueue;
  start(): void;
  /** Look for new outbox rows now (after a local commit or a stored webhook event). */
  wake(): void;
  stop(): Promise<void>;
}

/** The outbox worker with Teams' rate limits on the configured store; started by app.ts. */
export function createNotifier(parts: NotifierParts): Notifier {
  const { config, store } = parts;
  const worker = new OutboxWorker({
    db: store.db,
    engine: store.engine,
    references: parts.references,
    channel: parts.channel,
    gate: parts.gate,
    clock: parts.clock,
    logger: parts.logger,
    settings: config.notify,
    statusCard: renderStatusCardFromRow,
  });
  return {
    worker,
    queue: new OutboxQueue(store.db, store.engine),
    start: () => worker.start(),
    wake: () => worker.wake(),
    stop: () => worker.stop(),
  };
}
