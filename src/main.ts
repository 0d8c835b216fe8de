import { startApp } from './app';
import { ConfigError, loadProcessConfig } from './config';
import { createLogger } from './logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadProcessConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.bot.localMode) {
    logger.warn(
      { event: 'app.local_mode' },
      'LOCAL MODE: no MicrosoftAppId is set, so inbound requests are not authenticated. ' +
        'Fine for the Emulator and the Agents Playground; never expose this to a network.',
    );
  }
  const app = await startApp(config, logger);

  const shutdown = (signal: string) => {
    logger.info({ event: 'app.stopping', signal }, 'stopping: finishing turns in flight');
    app.stop().then(
      () => process.exit(0),
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
