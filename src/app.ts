import type { AddressInfo } from 'node:net';
import { createBot } from './bot/create-bot';
import type { Config } from './config';
import { systemClock, type Clock } from './domain/clock';
import { createServer } from './http/create-server';
import { registerHealthRoute } from './http/health-route';
import { registerMessagesRoute } from './http/messages-route';
import type { Logger } from './logger';
import { ConversationReferences } from './store/conversation-references';
import { createStore, type Store } from './store/create-store';
import { StateDocuments } from './store/state-documents';

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  /** Stop accepting, let requests in flight finish (up to `graceMs`), close the store. */
  stop(graceMs?: number): Promise<void>;
}

export interface AppOptions {
  readonly clock?: Clock;
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
  const documents = new StateDocuments(store.db);
  const { adapter, bot } = createBot({ config, logger, clock, documents, references });

  let serving = true;
  const server = createServer({ logger, maxBodyBytes: config.maxBodyBytes });
  registerHealthRoute(server, () => serving);
  registerMessagesRoute(server, adapter, bot, logger);

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
      await store.close();
      logger.info({ event: 'app.stopped' }, 'stopped');
    })());

  return { url: `http://${host}:${port}`, port, store, stop };
}
