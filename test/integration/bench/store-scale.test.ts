import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function runBench(args: readonly string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'bench/store-scale.ts', ...args],
      { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.jest.json' } },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/**
 * `npm run bench:store` in its smallest form, so it keeps running as the app changes (it had stopped at
 * the chat's look-up limits unnoticed): both engines, 120 tickets, four turns per kind. It checks
 * that every line is printed in its shape; the ratios are the bench's business (exit code 1 when one is
 * over its target, which at this size says nothing).
 */
describe('npm run bench:store, in a tiny configuration', () => {
  test('seeds both stores, answers every kind of turn and prints each line, on SQLite and PostgreSQL', async () => {
    const { code, out } = await runBench(['--tickets', '120', '--tenants', '3', '--turns', '4']);
    expect([0, 1]).toContain(code);
    for (const engine of ['sqlite', 'postgres']) {
      for (const kind of ['my tickets', 'status <number>', 'support list', 'support list submitted']) {
        expect(out).toMatch(
          new RegExp(
            `^${engine} +${kind} +empty p50 +[\\d.]+ p99 +[\\d.]+ \\| 120 p50 +[\\d.]+ p99 +[\\d.]+ \\| ratio`,
            'm',
          ),
        );
      }
      for (const claim of ['support channel claim', 'outbox claim']) {
        expect(out).toMatch(
          new RegExp(
            `^${engine} +${claim}, nothing to do, straight on the store, p50 ms empty → 120: [\\d.]+ → [\\d.]+`,
            'm',
          ),
        );
      }
    }
    expect(out).toMatch(/^every p99 ratio ≤ 1\.5×: (yes|no)/m);
  }, 240_000);
});
