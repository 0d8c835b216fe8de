import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type AppOptions, type RunningApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { ConnectorStandIn } from './connector-stand-in';
import { capturedLogger } from './log-capture';
import { TeamsChat, teamsUser, type TeamsUser } from './teams-activities';

export interface TestApp {
  readonly app: RunningApp;
  readonly config: Config;
  readonly connector: ConnectorStandIn;
  readonly logs: Array<Record<string, unknown>>;
  readonly rawLogs: string[];
  readonly url: string;
  chat(user?: Partial<TeamsUser>): TeamsChat;
  /** Stops the app (not the connector, not the store's files), as a restart would. */
  stopApp(): Promise<void>;
  /** Stops everything and removes the temporary data directory. */
  close(): Promise<void>;
}

export interface TestAppOptions extends AppOptions {
  /** Extra environment, e.g. DATABASE_URL for PostgreSQL or MicrosoftAppId for the token check. */
  readonly env?: Record<string, string>;
  /** Reuse a data directory (a restart); otherwise a new temporary one. */
  readonly dataDir?: string;
  readonly connector?: ConnectorStandIn;
}

/** The real server on a free port with a temporary store, and a connector stand-in for its replies. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp & { dataDir: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'security-desk-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    DATA_DIR: dataDir,
    SUPPORT_API_KEY: 'local-support-key-for-tests-0123456789abcdef',
    ...options.env,
  });
  const { logger, lines, raw } = capturedLogger('debug');
  const connector = options.connector ?? (await new ConnectorStandIn().start());
  const app = await startApp(config, logger, options);
  let stopped = false;
  const stopApp = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop(2000);
  };
  return {
    app,
    config,
    connector,
    logs: lines,
    rawLogs: raw,
    url: app.url,
    dataDir,
    chat: (user) => new TeamsChat(app.url, connector, teamsUser(user)),
    stopApp,
    close: async () => {
      await stopApp();
      if (!options.connector) await connector.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
