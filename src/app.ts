import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/identity';
import { createTicketing, type Ticketing } from './backend/create-ticketing';
import { CustomerDraftDesk } from './backend/customer-draft-desk';
import { DraftDownloadLinks } from './backend/draft-download-links';
import { registerDraftsDownloadRoute } from './http/drafts-download-route';
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
import { registerHealthRoutes } from './http/health-route';
import { registerMetricsRoute } from './http/metrics-route';
import { Metrics } from './observability/metrics';
import { withRequestIds } from './observability/request-context';
import { checkStoreReadiness } from './observability/store-readiness';
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
import { EvidenceFiles, Outbox, SupportCards, TicketStore } from './tickets';
import { createEvidence } from './evidence/create-evidence';
import type { EvidenceService } from './evidence/evidence-service';

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
  /** Files of evidence (when this deployment runs the support desk). */
  readonly evidence?: EvidenceService;
  /** Prometheus metrics of this app (GET /metrics). */
  readonly metrics: Metrics;
  /** Every registered route as "METHOD /path/{param}", for the OpenAPI contract test. */
  routes(): string[];
  /**
   * Fail readiness, stop claiming delivery work, let requests and sends in flight finish (up to
   * `graceMs`, SHUTDOWN_GRACE_SECONDS by default), close the store.
   */
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
  rootLogger: Logger,
  options: AppOptions = {},
): Promise<RunningApp> {
  // Every line written while serving a request carries its id (reqId), the turn's lines included.
  const logger = withRequestIds(rootLogger);
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
      cards: new SupportCards(store.db, store.engine),
      channel,
      doorbell,
    });
  // Files of evidence, where this deployment runs the support desk (docs/decisions/evidence-files.md).
  const evidence =
    ticketing.supportDesk &&
    createEvidence({
      config,
      files: new EvidenceFiles(store.db, () => doorbell.ring()),
      tickets,
      clock,
      logger,
      ...(options.credential ? { credential: options.credential } : {}),
    });
  // Files held with drafts that were never submitted go a day after such a draft expires.
  const purgeEvidence = new PeriodicTask({ name: 'evidence_purge', intervalMs: 3_600_000, logger }, () =>
    evidence
      ? evidence.purgeAbandoned((config.dialog.draftTtlMinutes + 24 * 60) * 60_000)
      : Promise.resolve(0),
  );
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
  // Customer drafts, kept on the ticket whatever the backend; links point at this service.
  const draftDesk = new CustomerDraftDesk({ tickets, clock });
  const draftLinks = new DraftDownloadLinks({
    ...(config.drafts.linkKey ? { key: config.drafts.linkKey } : {}),
    ttlMinutes: config.drafts.linkTtlMinutes,
    clock,
  });
  // Known once listening: local-mode links point at this server.
  const listening: { url?: string } = {};
  const downloadBaseUrl = () =>
    config.publicHostname
      ? `https://${config.publicHostname}`
      : config.bot.localMode
        ? listening.url
        : undefined;
  const { adapter, bot } = createBot({
    drafts: {
      desk: draftDesk,
      links: draftLinks,
      downloadBaseUrl,
      uploadHosts: [
        ...config.evidence.fileHosts,
        ...(config.evidence.allowLoopback ? ['127.0.0.1', 'localhost'] : []),
      ],
    },
    config,
    lookupLimits: lookups.limits,
    logger,
    clock,
    documents,
    references,
    backend: ticketing.backend,
    idempotency,
    ...(supportChannel ? { supportChannel: supportChannel.bot } : {}),
    ...(evidence ? { evidence } : {}),
  });

  let serving = true;
  const metrics = new Metrics();
  metrics.attach({
    store: {
      outboxDepth: (now) => outbox.depth(now),
      overdueForAcknowledgement: (now) => tickets.countOverdueForAcknowledgement(now),
    },
    delivery: () => ({ finished: delivery.stats.finished, throttled: delivery.stats.throttled }),
    now: () => clock.now(),
    logger,
  });
  const server = createServer({ logger, maxBodyBytes: config.maxBodyBytes, metrics });
  registerHealthRoutes(server, async () =>
    serving
      ? checkStoreReadiness(store)
      : { ready: false, reason: 'shutting-down', detail: 'The bot is shutting down.' },
  );
  registerMetricsRoute(server, {
    metrics,
    authenticator: createApiAuthenticator(config, config.support.role),
    logger,
  });
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
    metrics,
  );
  registerDraftsDownloadRoute(server, { desk: draftDesk, links: draftLinks, logger });
  registerTicketingRoutes(server, {
    supportDesk: ticketing.supportDesk,
    draftDesk,
    config,
    logger,
    ...(supportChannel ? { channelRegistrations: supportChannel.registrations } : {}),
    ...(evidence ? { evidence } : {}),
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
  listening.url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  logger.info(
    { event: 'app.listening', host: config.host, port, store: store.engine },
    `listening on http://${host}:${port}/api/messages`,
  );

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = config.shutdownGraceMs) =>
    (stopping ??= (async () => {
      // Readiness fails at once; the engine claims nothing more; turns and sends in flight get the grace.
      serving = false;
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      const delivered = delivery.stop();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
      });
      const inTime = await Promise.race([
        Promise.all([closed, delivered]).then(() => 'done' as const),
        graceOver,
      ]);
      clearTimeout(timer);
      if (inTime === 'late') {
        logger.warn(
          { event: 'app.grace_expired', graceMs },
          'shutdown grace expired: closing requests still open; unfinished sends go back to the queue by lease',
        );
        server.server.closeAllConnections();
        await closed;
      }
      await ticketing.stop();
      await draftExpiry.stop();
      await purgeKeys.stop();
      await purgeLookups.stop();
      await purgeEvidence.stop();
      await botKeys?.stop();
      await store.close();
      logger.info({ event: 'app.stopped' }, 'stopped');
    })());

  ticketing.start();
  delivery.start();
  draftExpiry.start();
  purgeKeys.start();
  purgeLookups.start();
  purgeEvidence.start();
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
    metrics,
    ...(evidence ? { evidence } : {}),
    routes: () =>
      Object.values(server.router.getRoutes()).map(
        (route) => `${route.method.toUpperCase()} ${String(route.path).replace(/:(\w+)/g, '{$1}')}`,
      ),
    stop,
  };
}
