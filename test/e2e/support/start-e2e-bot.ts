import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';

/** The local support key the suite calls the support API with (local mode only; never a real secret). */
export const E2E_SUPPORT_API_KEY = 'e2e-local-support-key-0123456789abcdefghij';

export interface E2eBot {
  readonly app: RunningApp;
  /** What the Playground posts activities to. */
  readonly messagesUrl: string;
  readonly url: string;
  readonly supportApiKey: string;
  /** Every JSON log line so far (the operator's view), also written to `logPath`. */
  readonly logs: ReadonlyArray<Record<string, unknown>>;
  readonly logPath: string;
  stop(): Promise<void>;
}

/**
 * The real app in this process (local mode: no token check, as the Playground expects), on a free port,
 * with a temporary SQLite store that is removed afterwards.
 */
export async function startE2eBot(logPath: string, env: Record<string, string> = {}): Promise<E2eBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'security-desk-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    DATA_DIR: dataDir,
    SUPPORT_API_KEY: E2E_SUPPORT_API_KEY,
    // Proactive messages should arrive while a person watches, not a second later.
    NOTIFY_POLL_MS: '100',
    ...env,
  });
  const logs: Array<Record<string, unknown>> = [];
  writeFileSync(logPath, '');
  const logger = createLogger('debug', {
    write(chunk: string) {
      appendFileSync(logPath, chunk);
      for (const line of chunk.split('\n').filter(Boolean))
        logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  const app = await startApp(config, logger);
  let stopped = false;
  return {
    app,
    url: app.url,
    messagesUrl: `${app.url}/api/messages`,
    supportApiKey: E2E_SUPPORT_API_KEY,
    logs,
    logPath,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await app.stop(2000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
