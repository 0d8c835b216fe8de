import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/identity';
import { createTicketing, type Ticketing } from './backend/create-ticketing';
import type { TicketBackend } from './backend/ticket-backend';
import { createBot } from './bot/create-bot';
import { BotFrameworkChannel } from './bot/proactive/bot-framework-channel';
import { DraftExpiryJob } from './bot/report';
import { createSupportChannel, type SupportChannel } from './bot/support-channel';
import type { Config } from './config';
import { systemClock, type Clock } from './domain/clock';
import { createServer } from './http/create-server';
import { registerHealthRoute } from './http/health-route';
import { registerMessagesRoute } from './http/messages-route';
import { registerTicketingRoutes } from './http/support/register-ticketing-routes';
import { createApiAuthenticator } from './http/auth/create-api-authenticator';
import { registerDeadLettersRoute } from './http/notifications/dead-letters-route';
import { registerNotificationsRoute } from './http/notifications-route';
import { createNotifier, type Notifier } from './notify/create-notifier';
import { createSendGate } from './notify/send-gate';
import type { Logger } from './logger';
import { ConversationReferences } from './store/conversation-references';
import { createStore, type Store } from './store/create-store';
import { StateDocuments } from './store/state-documents';

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  /** The ticket backend the bot files reports with (embedded or remote, by configuration). */
  readonly backend: TicketBackend;
  /** The backend's parts: its repository, the support service (embedded), its background job. */
  readonly ticketing: Ticketing;
  /** The outbox worker: proactive notifications (wake() after a commit; stats for the benchmark). */
  readonly notifier: Notifier;
  /** Support's Teams channel (embedded backend only): registrations and the triage card feed. */
  readonly supportChannel?: SupportChannel;
  /** Expires report drafts nobody came back to (runOnce() in tests). */
  readonly draftExpiry: DraftExpiryJob;
  /** Every registered route as "METHOD /path/{param}", for the OpenAPI contract test. */
  routes(): string[];
  /** Stop accepting, let requests in flight finish (up to `graceMs`), close the store. */
  stop(graceMs?: number): Promise<void>;
}

export interface AppOptions {
  readonly clock?: Clock;
  /** Replaces the remote backend's @azure/identity credential (tests cannot reach Entra). */
  readonly credential?: TokenCredential;
}

/** Wires every part from the configuration and starts listening; used by main.ts and by the tests. */
export async function startApp(
  config: Config,
  logger: Logger,
  options: AppOptions = {},
): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  const store = await createStore(config.store, logger);
  const references = new ConversationReferences(store.db);
  // The injected clock, so the draft sweep's "stored before" agrees with the drafts' own times.
  const documents = new StateDocuments(store.db, clock);
  // One proactive channel for the notifier and the support channel feed.
  const channel = new BotFrameworkChannel(config.bot, clock);
  // Teams' rate limits are per bot: the notifier and the support feed send through one gate.
  const gate = createSendGate({
    engine: store.engine,
    db: store.db,
    globalPerSecond: config.notify.globalPerSecond,
  });
  const notifier = createNotifier({ config, logger, clock, store, references, channel, gate });
  const draftExpiry = new DraftExpiryJob({
    documents,
    references,
    channel,
    clock,
    logger,
    draftTtlMinutes: config.dialog.draftTtlMinutes,
  });
  let wakeSupportFeed = () => {};
  const ticketing = createTicketing({
    config,
    logger,
    clock,
    store,
    ...(options.credential ? { credential: options.credential } : {}),
    // A committed change is sent at once instead of at the next poll.
    onOutboxWritten: () => {
      notifier.wake();
      wakeSupportFeed();
    },
  });
  const supportChannel =
    ticketing.kind === 'embedded'
      ? createSupportChannel({
          db: store.db,
          engine: store.engine,
          config,
          clock,
          logger,
          support: ticketing.support,
          channel,
          gate,
        })
      : undefined;
  if (supportChannel) wakeSupportFeed = () => supportChannel.feed.wake();
  const { adapter, bot } = createBot({
    config,
    logger,
    clock,
    documents,
    references,
    backend: ticketing.backend,
    ...(supportChannel ? { supportChannel: supportChannel.bot } : {}),
  });

  let serving = true;
  const server = createServer({ logger, maxBodyBytes: config.maxBodyBytes });
  registerHealthRoute(server, () => serving);
  registerMessagesRoute(server, adapter, bot, logger);
  registerTicketingRoutes(server, {
    ticketing,
    config,
    logger,
    ...(supportChannel ? { channelRegistrations: supportChannel.registrations } : {}),
  });
  registerNotificationsRoute(server, {
    settings: config.notify.webhook,
    store,
    clock,
    logger,
    onStored: () => notifier.wake(),
  });
  registerDeadLettersRoute(server, {
    queue: notifier.queue,
    authenticator: createApiAuthenticator(config, config.support.role),
    logger,
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  logger.info(
    { event: 'app.listening', port, store: store.engine },
    `listening on http://${host}:${port}/api/messages`,
  );

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 10_000) =>
    (stopping ??= (async () => {
      serving = false;
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      const timer = setTimeout(() => server.server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      await ticketing.stop();
      await notifier.stop();
      await supportChannel?.feed.stop();
      await draftExpiry.stop();
      await store.close();
      logger.info({ event: 'app.stopped' }, 'stopped');
    })());

  ticketing.start();
  notifier.start();
  supportChannel?.feed.start();
  draftExpiry.start();
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    backend: ticketing.backend,
    ticketing,
    notifier,
    ...(supportChannel ? { supportChannel } : {}),
    draftExpiry,
    routes: () =>
      Object.values(server.router.getRoutes()).map(
        (route) => `${route.method.toUpperCase()} ${String(route.path).replace(/:(\w+)/g, '{$1}')}`,
      ),
    stop,
  };
}
