import type { Config } from '../config';

export interface Telemetry {
  /** Flushes what is buffered and stops exporting (on shutdown). */
  stop(): Promise<void>;
}

/**
 * Traces and metrics to Azure Monitor (Application Insights) through OpenTelemetry, when a connection
 * string is configured. It patches http, pg and the Azure SDK as they are loaded, so main.ts calls this
 * before it loads the app; without a connection string the package is not even loaded.
 */
export function startAzureMonitor(telemetry: Config['telemetry']): Telemetry | undefined {
  if (!telemetry) return undefined;
  // Required here, not imported at the top: unset, none of OpenTelemetry is loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const monitor = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: telemetry.connectionString },
    instrumentationOptions: {
      http: { enabled: true },
      postgreSql: { enabled: true },
      azureSdk: { enabled: true },
      // Logs stay pino's JSON lines on stdout (App Service collects them); not duplicated as traces.
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    enableLiveMetrics: false,
  });
  return { stop: () => monitor.shutdownAzureMonitor() };
}
