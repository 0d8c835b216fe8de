import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from './output-paths';

/** The Playground's CLI (a devDependency: a dev tool, never shipped). */
export const PLAYGROUND_CLI = join(
  PROJECT_ROOT,
  'node_modules',
  '@microsoft',
  'm365agentsplayground',
  'cli.js',
);

export interface RunningPlayground {
  /** The page a person opens, e.g. http://localhost:56150/ */
  readonly url: string;
  readonly port: number;
  /** Everything it printed, for a failure message. */
  readonly output: readonly string[];
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** The bot's messages endpoint. */
  readonly endpoint: string;
  /** 0 (or absent) lets the Playground fall back to a random free port. */
  readonly port: number;
  /**
   * The person's time zone. The Playground fills an activity's `localTimezone` from its own process's
   * zone (not the browser's), so it is set on the process.
   */
  readonly timeZone: string;
  readonly timeoutMs?: number;
}

/**
 * Starts the Agents Playground as its own process, in the Teams channel, telemetry off, no browser opened.
 * It runs in a temporary directory because it writes `devTools/m365agentsplayground.log` and reads
 * `.m365agentsplayground.yml` from its working directory; the built-in configuration is what we want.
 */
export function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const workDir = mkdtempSync(join(tmpdir(), 'security-desk-playground-'));
  const child = spawn(
    process.execPath,
    [
      PLAYGROUND_CLI,
      '-e',
      options.endpoint,
      '-c',
      'msteams',
      '--disable-telemetry',
      '-p',
      String(options.port),
    ],
    {
      cwd: workDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: workDir,
        TZ: options.timeZone,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: join(workDir, 'playground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(workDir, { recursive: true, force: true });
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new Error(
          `the Playground did not start within ${options.timeoutMs ?? 30_000} ms:\n${output.join('\n')}`,
        ),
      );
    }, options.timeoutMs ?? 30_000);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited before listening:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const listening = /^Listening on (\d+)/.exec(line.trim());
      if (!listening) return;
      clearTimeout(timer);
      const port = Number(listening[1]);
      resolve({ url: `http://localhost:${port}/`, port, output, stop });
    });
  });
}
