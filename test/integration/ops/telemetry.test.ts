import { join } from 'node:path';
import { runBotToExit, spawnBot } from '../../support/spawn-bot';

/** Loading the Azure Monitor distribution at start is slow on a busy machine. */
const startTimeoutMs = 120_000;
const preload = `--require ${join(__dirname, 'report-telemetry-loads.js')}`;

describe('Azure Monitor telemetry (APPLICATIONINSIGHTS_CONNECTION_STRING)', () => {
  test('unset: OpenTelemetry is not even loaded, and the bot serves', async () => {
    const bot = await spawnBot({ NODE_OPTIONS: preload }, startTimeoutMs);
    try {
      const ready = await fetch(`${bot.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(bot.stderr.filter((line) => line.startsWith('telemetry-loaded'))).toEqual([]);
      expect(bot.logs.some((entry) => entry.event === 'app.telemetry')).toBe(false);
    } finally {
      bot.kill('SIGKILL');
      await bot.exited;
    }
  }, 150_000);

  test('set: it is started before the app, and says so in the log', async () => {
    const bot = await spawnBot(
      {
        NODE_OPTIONS: preload,
        // Loopback endpoints only: the exporter may try to send, and must reach nothing outside.
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          'InstrumentationKey=00000000-1111-2222-3333-444444444444;IngestionEndpoint=https://127.0.0.1:9/;LiveEndpoint=https://127.0.0.1:9/',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
        APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
      },
      startTimeoutMs,
    );
    try {
      expect(bot.stderr.filter((line) => line.startsWith('telemetry-loaded'))).toEqual([
        'telemetry-loaded: @azure/monitor-opentelemetry',
      ]);
      expect(bot.logs.some((entry) => entry.event === 'app.telemetry')).toBe(true);
    } finally {
      bot.kill('SIGKILL');
      await bot.exited;
    }
  }, 150_000);

  test('a malformed connection string stops the start with a line naming the variable', async () => {
    const { code, stderr } = await runBotToExit({
      NODE_OPTIONS: preload,
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=not-a-guid',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'config error: APPLICATIONINSIGHTS_CONNECTION_STRING: InstrumentationKey must be a GUID',
    );
    expect(stderr.filter((line) => line.startsWith('telemetry-loaded'))).toEqual([]);
  }, 150_000);
});
