/**
 * Start to ready (npm run bench:start).
 *
 * How long the deployed service takes from `node dist/src/main.js` (the built output, as App Service
 * runs it: no tsc, no ts-node) to its first 200 on /readyz, against a baseline measured in the same run
 * on the same machine: a bare Node http server's time from spawn to its first 200. Printed: the median
 * of --runs starts of each, on a store already migrated (a restart, the usual case) and on a fresh one
 * (the first start, migrations included), and the ratios to the baseline. Builds first unless --no-build.
 *
 * Options: --runs 7 --no-build --postgres (a fresh database on TEST_DATABASE_URL; SQLite otherwise)
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { flag, wholeArgument as argument } from './bench-arguments';

const ROOT = join(__dirname, '..');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Spawns `args`, polls `path` on `port` until it answers 200; milliseconds from spawn to that answer. */
async function timeToFirst200(
  args: string[],
  env: Record<string, string>,
  port: number,
  path: string,
): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`exited before answering ${path}: ${stderr}`);
      if (performance.now() - started > 30_000) throw new Error(`no 200 on ${path} within 30 s: ${stderr}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    child.kill('SIGKILL');
    if (!exited) await new Promise((resolve) => child.once('exit', resolve));
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const bareServer =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

async function main(): Promise<void> {
  const runs = argument('runs', 7);
  const postgres = flag('postgres');
  if (!flag('no-build')) {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }

  const store = async (): Promise<{ env: Record<string, string>; destroy(): Promise<void> }> => {
    if (!postgres) {
      const dataDir = mkdtempSync(join(tmpdir(), 'sd-bench-start-'));
      return {
        env: { DATA_DIR: dataDir },
        destroy: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    }
    const name = `sd_bench_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      destroy: async () => {
        const client = new Client({ connectionString: ADMIN_URL });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    };
  };
  const botEnv = (port: number, extra: Record<string, string>) => ({
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...extra,
  });

  const baseline: number[] = [];
  const restart: number[] = [];
  const fresh: number[] = [];
  const migrated = await store();
  try {
    // Warm the file cache and migrate the shared store once; not counted.
    const warmPort = await freePort();
    await timeToFirst200(['dist/src/main.js'], botEnv(warmPort, migrated.env), warmPort, '/readyz');
    for (let i = 0; i < runs; i++) {
      const basePort = await freePort();
      baseline.push(await timeToFirst200(['-e', bareServer], { PORT: String(basePort) }, basePort, '/'));
      const port = await freePort();
      restart.push(await timeToFirst200(['dist/src/main.js'], botEnv(port, migrated.env), port, '/readyz'));
      const empty = await store();
      try {
        const freshPort = await freePort();
        fresh.push(
          await timeToFirst200(['dist/src/main.js'], botEnv(freshPort, empty.env), freshPort, '/readyz'),
        );
      } finally {
        await empty.destroy();
      }
    }
  } finally {
    await migrated.destroy();
  }
  const base = median(baseline);
  const line = (what: string, values: number[]) =>
    `${what}: median ${median(values).toFixed(0)} ms = ${(median(values) / base).toFixed(2)} × baseline ` +
    `(min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)} ms)`;
  console.log(
    `start to ready, node dist/src/main.js on ${postgres ? 'PostgreSQL' : 'SQLite'}, ${runs} run(s), Node ${process.version}`,
  );
  console.log(`baseline, a bare http server to its first 200: median ${base.toFixed(0)} ms`);
  console.log(line('restart (store migrated) to /readyz 200', restart));
  console.log(line('first start (fresh store, migrations) to /readyz 200', fresh));
  if (median(restart) > 1000) {
    console.log('over the one-second target');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
