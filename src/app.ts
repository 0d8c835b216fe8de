import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/identity';
import { createTicketing, type Ticketing } from './backend/create-ticketing';
import type { TicketBackend } from './backend/ticket-backend';
import { createBot } from './bot/create-bot';
import { createLookupLimits } from './bot/lookup-limits/create-lookup-limits';
import { BotFrameworkChannel } from './bot/proactive/bot-framework-channel';
import { DraftExpiryJob } from './bot/report';
import { createSupportChannel, type SupportChannel } from './bot/support-channel';
import type { Config } from './config';
import { systemClock, type Clock } from './domain/clock';
import { createServer } from './http/create-server';
import { describeListenError } from './http/probe-listen-address';
import { registerHealthRoute } from './http/health-route';
import { BotSigningKeys } from './http/bot-auth/bot-signing-keys';
import { BotTokenVerifier } from './http/bot-auth/verify-bot-token';
import { registerMessagesRoute } from './http/messages-route';
import { registerTicketingRoutes } from './http/support/register-ticketing-routes';
import { createApiAuthenticator } from './http/auth/create-api-authenticator';
import { registerDeadLettersRoute } from './http/notifications/dead-letters-route';
import { registerNotificationsRoute } from './http/notifications-route';
import { DeliveryEngine } from './notify/delivery-engine';
import { Doorbell } from './notify/doorbell';
import { PublisherSink } from './notify/publisher-sink';
import { createSendGate } from './notify/send-gate';
import type { Logger } from './logger';
import { ConversationReferences } from './store/conversation-references';
import { createStore, type Store } from './store/create-store';
import { IdempotentResponses } from './store/idempotent-responses';
import { StateDocuments } from './store/state-documents';
import { PeriodicTask } from './periodic-task';
import { Outbox, SupportCards, TicketStore } from './tickets';

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  /** The one owner of the tickets and their history. */
  readonly tickets: TicketStore;
  /** The ticket backend the bot files reports with (embedded or remote, by configuration). */
  readonly backend: TicketBackend;
  /** The backend and, when this deployment runs the support desk, support's side of it. */
  readonly ticketing: Ticketing;
  /** The one delivery engine: publisher notifications and support triage cards (wake(); stats). */
  readonly delivery: DeliveryEngine;
  /** Support's Teams channel (when this deployment runs the support desk): registrations and its sink. */
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

/** The server could not listen; the message is one configuration line naming HOST or PORT. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/**
 * restify re-emits the HTTP server's 'error' on itself, where an unheard one crashes the process with
 * a stack trace: both are listened to until listening succeeds.
 */
function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      server.removeListener('error', fail);
      reject(error);
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.removeListener('error', fail);
      resolve();
    });
  });
}

/** Wires every part from the configuration and starts listening; used by main.ts and by the tests. */
export async function startApp(
  config: Config,
  logger: Logger,
  options: AppOptions = {},
): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  // Fetched while the store opens, so the first activity finds them.
  const botKeys = config.bot.localMode
    ? undefined
    : new BotSigningKeys({ metadataUrl: config.bot.openIdMetadataUrl, logger });
  botKeys?.start();
  let store: Store;
  try {
    store = await createStore(config.store, logger);
  } catch (error) {
    await botKeys?.stop();
    throw error;
  }
  const references = new ConversationReferences(store.db);
  // The injected clock, so the draft sweep's "stored before" agrees with the drafts' own times.
  const documents = new StateDocuments(store.db, clock);
  // A committed change is delivered at once instead of at the next poll.
  const doorbell = new Doorbell();
  const tickets = new TicketStore(
    store.db,
    () => doorbell.ring(),
    () => clock.now(),
  );
  const outbox = new Outbox(store.db, store.engine);
  const idempotency = new IdempotentResponses(store.db, clock);
  // Idempotency keys guard retries, which come within minutes: a day is ample, and the table stays small.
  const purgeKeys = new PeriodicTask(
    { name: 'idempotency_purge', intervalMs: 3_600_000, logger, runOnStart: true },
    () => idempotency.purge(new Date(clock.now().getTime() - 24 * 3_600_000)),
  );
  const ticketing = createTicketing({
    config,
    logger,
    clock,
    store,
    tickets,
    idempotency,
    ...(options.credential ? { credential: options.credential } : {}),
  });
  // One proactive channel and one delivery engine for every proactive send of this bot.
  const channel = new BotFrameworkChannel(config.bot, clock);
  const supportChannel =
    ticketing.supportDesk &&
    createSupportChannel({
      db: store.db,
      config,
      clock,
      logger,
      support: ticketing.supportDesk.support,
      cards: new SupportCards(store.db),
      channel,
      doorbell,
    });
  const delivery = new DeliveryEngine({
    sinks: [
      new PublisherSink({ outbox, tickets, references, channel, clock, logger, settings: config.notify }),
      ...(supportChannel ? [supportChannel.sink] : []),
    ],
    // Teams' rate limits are per bot: every sink sends through one gate.
    gate: createSendGate({
      engine: store.engine,
      db: store.db,
      globalPerSecond: config.notify.globalPerSecond,
    }),
    clock,
    logger,
    settings: config.notify,
    doorbell,
  });
  const draftExpiry = new DraftExpiryJob({
    documents,
    references,
    channel,
    clock,
    logger,
    draftTtlMinutes: config.dialog.draftTtlMinutes,
  });
  const lookups = createLookupLimits(config.lookups, store);
  // Windows that ended an hour ago are of no use; on PostgreSQL their rows would pile up.
  const purgeLookups = new PeriodicTask({ name: 'lookup_limits_purge', intervalMs: 3_600_000, logger }, () =>
    lookups.purge(),
  );
  const { adapter, bot } = createBot({
    config,
    lookupLimits: lookups.limits,
    logger,
    clock,
    documents,
    references,
    backend: ticketing.backend,
    idempotency,
    ...(supportChannel ? { supportChannel: supportChannel.bot } : {}),
  });

  let serving = true;
  const server = createServer({ logger, maxBodyBytes: config.maxBodyBytes });
  registerHealthRoute(server, () => serving);
  registerMessagesRoute(
    server,
    adapter,
    bot,
    logger,
    botKeys &&
      new BotTokenVerifier({
        keys: botKeys,
        issuer: config.bot.tokenIssuer,
        appId: config.bot.appId ?? '',
        now: () => clock.now(),
      }),
  );
  registerTicketingRoutes(server, {
    supportDesk: ticketing.supportDesk,
    config,
    logger,
    ...(supportChannel ? { channelRegistrations: supportChannel.registrations } : {}),
  });
  registerNotificationsRoute(server, {
    settings: config.notify.webhook,
    tickets,
    clock,
    logger,
  });
  registerDeadLettersRoute(server, {
    queue: outbox,
    authenticator: createApiAuthenticator(config, config.support.role),
    logger,
  });

  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await Promise.allSettled([ticketing.stop(), botKeys?.stop(), store.close()]);
    throw new ListenError(describeListenError(error, config.host, config.port), { cause: error });
  }
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
      await delivery.stop();
      await draftExpiry.stop();
      await purgeKeys.stop();
      await purgeLookups.stop();
      await botKeys?.stop();
      await store.close();
      logger.info({ event: 'app.stopped' }, 'stopped');
    })());

  ticketing.start();
  delivery.start();
  draftExpiry.start();
  purgeKeys.start();
  purgeLookups.start();
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    tickets,
    backend: ticketing.backend,
    ticketing,
    delivery,
    ...(supportChannel ? { supportChannel } : {}),
    draftExpiry,
    routes: () =>
      Object.values(server.router.getRoutes()).map(
        (route) => `${route.method.toUpperCase()} ${String(route.path).replace(/:(\w+)/g, '{$1}')}`,
      ),
    stop,
  };
}
