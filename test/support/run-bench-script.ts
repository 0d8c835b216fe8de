import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs `bench/<script>` as `npm run bench:…` does (through ts-node) with `args`; its exit code and what
 * it printed, stdout and stderr together.
 */
export function runBenchScript(
  script: string,
  args: readonly string[],
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', `bench/${script}`, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.jest.json' },
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}
