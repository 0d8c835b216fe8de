/**
 * `npm run playground`: the bot on its embedded defaults (or your .env) and the Microsoft 365 Agents
 * Playground, a local Teams, wired to it. Ctrl-C stops both. The Playground is a devDependency under a
 * development-tool licence: it is started here and in the e2e suite, never by the product.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startApp, type RunningApp } from '../src/app';
import { ConfigError, loadProcessConfig, type Config } from '../src/config';
import { createLogger } from '../src/logger';

/** The Playground's own default; it falls back to a random free port when this one is taken. */
const PLAYGROUND_PORT = 56150;
const PLAYGROUND_CLI = join(__dirname, '..', 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

function readConfig(): Config {
  try {
    return loadProcessConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
    process.exit(1);
  }
}

function startPlayground(endpoint: string, workDir: string): ChildProcess {
  // The Playground writes devTools/m365agentsplayground.log into its working directory: keep it in the
  // (git-ignored) data directory rather than the project root.
  return spawn(
    process.execPath,
    [PLAYGROUND_CLI, '-e', endpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(PLAYGROUND_PORT)],
    { cwd: workDir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

async function main(): Promise<void> {
  const config = readConfig();
  if (!config.bot.localMode) {
    process.stderr.write(
      'npm run playground needs local mode: the Playground sends no Bot Framework tokens. ' +
        'Unset MicrosoftAppId (in .env or the environment) and try again.\n',
    );
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  logger.warn(
    { event: 'app.local_mode' },
    'LOCAL MODE: no MicrosoftAppId is set, so inbound requests are not authenticated. ' +
      'Fine for the Agents Playground; never expose this to a network.',
  );
  const app: RunningApp = await startApp(config, logger);
  const endpoint = `${app.url}/api/messages`;

  mkdirSync(config.store.dataDir, { recursive: true });
  const playground = startPlayground(endpoint, config.store.dataDir);
  let announced = false;
  createInterface({ input: playground.stdout! }).on('line', (line) => {
    const listening = /^Listening on (\d+)/.exec(line.trim());
    if (!listening || announced) return;
    announced = true;
    const hint = config.support.apiKey
      ? `Support API: ${app.url}/api/support/tickets (Authorization: Bearer <SUPPORT_API_KEY>).`
      : 'Set SUPPORT_API_KEY (32+ characters) in .env to act as support through /api/support.';
    process.stdout.write(
      `\n  Security Desk is talking to the Agents Playground.\n` +
        `  Open http://localhost:${listening[1]}/ in a browser (bot: ${endpoint}).\n` +
        `  ${hint}\n  Ctrl-C stops both.\n\n`,
    );
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (playground.exitCode === null && playground.signalCode === null) playground.kill('SIGTERM');
    await app.stop();
    process.exit(code);
  };
  playground.once('exit', (code) => {
    if (!stopping) process.stderr.write(`the Playground stopped (exit code ${code}); stopping the bot\n`);
    void stop(code ?? 1);
  });
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
