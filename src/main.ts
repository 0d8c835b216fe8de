// First: the compile cache must be on before the other modules load.
import './observability/enable-compile-cache';
import { ConfigError, loadProcessConfig, type Config } from './config';
import { probeListenAddress } from './http/probe-listen-address';
import { createLogger } from './logger';
import { startAzureMonitor } from './observability/start-azure-monitor';
import { routeConsoleToLogger } from './route-console-to-logger';

/** Every configuration problem as one line naming its variable, then exit 1: nothing opened, nothing migrated. */
function refuseToStart(problems: readonly string[]): never {
  for (const problem of problems) process.stderr.write(`config error: ${problem}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadProcessConfig();
  } catch (error) {
    if (error instanceof ConfigError) refuseToStart(error.problems);
    throw error;
  }
  // Before the app and its libraries are loaded: OpenTelemetry patches http and pg as they load.
  const telemetry = startAzureMonitor(config.telemetry);
  const { ListenError, startApp } = await import('./app');

  const address = await probeListenAddress(config.host, config.port);
  if (address) refuseToStart([address]);

  const logger = createLogger(config.logLevel);
  // botbuilder and other libraries write to the console; the log stays one JSON line per entry.
  routeConsoleToLogger(logger);
  if (config.bot.localMode) {
    const where = config.hostDefaulted
      ? `It listens on ${config.host} only (set HOST to listen elsewhere).`
      : `It listens on ${config.host} because HOST is set.`;
    logger.warn(
      { event: 'app.local_mode', host: config.host },
      'LOCAL MODE: no MicrosoftAppId is set, so inbound requests are not authenticated. ' +
        `Fine for the Emulator and the Agents Playground; never expose this to a network. ${where}`,
    );
  }
  if (telemetry) logger.info({ event: 'app.telemetry' }, 'traces and metrics go to Azure Monitor');
  let app;
  try {
    app = await startApp(config, logger);
  } catch (error) {
    if (error instanceof ListenError) refuseToStart([error.message]);
    throw error;
  }

  const shutdown = (signal: string) => {
    logger.info(
      { event: 'app.stopping', signal, graceMs: config.shutdownGraceMs },
      'stopping: readiness fails, no new delivery work is claimed, turns and sends in flight finish',
    );
    app.stop().then(
      async () => {
        await telemetry?.stop().catch(() => undefined);
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ event: 'app.stop_failed', err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
