import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { transpiled } from './transpiled-tree';

const ROOT = join(__dirname, '..', '..');

export interface SpawnedBot {
  readonly process: ChildProcess;
  readonly url: string;
  readonly logs: Array<Record<string, unknown>>;
  readonly stderr: string[];
  /** Lines on stdout that are not JSON (the log must have none). */
  readonly notJson: string[];
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Starts `src/main.ts` as its own process, as `npm start` would, from the suite's transpiled tree (no
 * build, no ts-node at each start), and resolves once it logs that it listens. For tests of what only a
 * real process shows: kill -9, SIGTERM, start-up refusals.
 */
export function spawnBot(env: Record<string, string>, timeoutMs = 30_000): Promise<SpawnedBot> {
  const child = spawn(process.execPath, [transpiled('src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const notJson: string[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not start within ${timeoutMs} ms; stderr: ${stderr.join('\n')}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        Object.assign(new Error(`bot exited (${code}) before listening; stderr: ${stderr.join('\n')}`), {
          stderr,
          code,
        }),
      );
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        notJson.push(line);
        return;
      }
      logs.push(entry);
      if (entry.event === 'app.listening') {
        clearTimeout(timer);
        resolve({
          process: child,
          url: `http://127.0.0.1:${String(entry.port)}`,
          logs,
          stderr,
          notJson,
          exited,
          kill: (signal) => child.kill(signal),
        });
      }
    });
  });
}

/** Runs main.ts to its exit, for configurations that must refuse to start. */
export function runBotToExit(
  env: Record<string, string>,
): Promise<{ code: number | string; stderr: string[] }> {
  return spawnBot(env).then(
    async (bot) => {
      bot.kill('SIGKILL');
      return { code: await bot.exited, stderr: bot.stderr };
    },
    (error: { stderr?: string[]; code?: number | string }) => ({
      code: error.code ?? 'unknown',
      stderr: error.stderr ?? [],
    }),
  );
}
