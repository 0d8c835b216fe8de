/**
 * One bench target in a process of its own, so its CPU time, memory and profile are its own: `bot` (the
 * real app through src/app.ts, configured from this process's environment by src/config.ts) or `echo`.
 * It talks to the bench over IPC: `ready` with its URL, then answers `usage`, `profile-start`,
 * `profile-stop` and `stop`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startEchoBot } from './echo-bot';
import type { TargetReply, TargetRequest } from './target-protocol';

async function start(kind: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (kind === 'echo') return startEchoBot();
  const config = loadConfig(process.env);
  const app = await startApp(config, createLogger(config.logLevel));
  return { url: app.url, stop: () => app.stop(1000) };
}

function send(reply: TargetReply): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(reply, undefined, {}, () => resolve());
  });
}

async function main(): Promise<void> {
  const kind = process.argv[2] ?? 'bot';
  const running = await start(kind);
  let session: Session | undefined;
  // The bench went away (finished or failed): nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: TargetRequest) => {
    void (async () => {
      switch (message.type) {
        case 'usage': {
          // A collection first, so heap figures compare live objects, not garbage not yet collected.
          if (message.collect) (globalThis as { gc?: () => void }).gc?.();
          const memory = process.memoryUsage();
          const cpu = process.cpuUsage();
          await send({
            type: 'usage',
            id: message.id,
            cpuMicros: cpu.user + cpu.system,
            rss: memory.rss,
            heapUsed: memory.heapUsed,
            external: memory.external,
          });
          return;
        }
        case 'profile-start':
          session = new Session();
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: message.intervalMicros });
          await session.post('Profiler.start');
          await send({ type: 'done', id: message.id });
          return;
        case 'profile-stop': {
          const result = session ? await session.post('Profiler.stop') : undefined;
          if (result) writeFileSync(message.file, JSON.stringify(result.profile));
          session?.disconnect();
          session = undefined;
          await send({ type: 'done', id: message.id });
          return;
        }
        case 'stop':
          await running.stop();
          await send({ type: 'done', id: message.id });
          // Nothing of the app is left to wait for (the store is closed): end now, not when timers run out.
          process.exit(0);
      }
    })().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  await send({ type: 'ready', url: running.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
