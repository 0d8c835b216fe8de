import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function runBench(args: readonly string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'bench/outbox-backlog.ts', ...args],
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
 * `npm run bench:outbox` in its smallest form, so it keeps running as the outbox changes: both engines,
 * three tickets with four rows queued behind each, five claims. It checks every line's shape (the bench
 * itself fails if a timed claim hands out a queued row); the ratios are the bench's business.
 */
describe('npm run bench:outbox, in a tiny configuration', () => {
  test('times the claim without and with rows queued, behind rows given back and behind leased ones', async () => {
    const { code, out } = await runBench(['--tickets', '3', '--behind', '4', '--claims', '5']);
    expect(code).toBe(0);
    const number = String.raw`\d+\.\d{3} ms`;
    for (const engine of ['sqlite  ', 'postgres']) {
      expect(out).toMatch(
        new RegExp(
          String.raw`\[${engine}\] rows given back to retry: claim ${number} → ${number} with 12 queued  ratio \d+\.\d\d×  (ok|over 1\.5×)`,
        ),
      );
      expect(out).toMatch(
        new RegExp(
          String.raw`\[${engine}\] rows leased, waiting in place: claim ${number} → ${number}  ratio \d+\.\d\d× \(for the record\)`,
        ),
      );
    }
  });
});
