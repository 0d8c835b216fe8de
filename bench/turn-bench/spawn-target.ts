import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { TargetReply, TargetRequest, Usage } from './target-protocol';

export interface Target {
  readonly name: 'bot' | 'echo';
  readonly url: string;
  readonly pid: number;
  usage(collect?: boolean): Promise<Usage>;
  startProfile(intervalMicros: number): Promise<void>;
  stopProfile(file: string): Promise<void>;
  stop(): Promise<void>;
}

type Request = TargetRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Forks bench/turn-bench/target-process.ts (through ts-node, as the other benches run; start-up on a busy
 * machine can take a minute), or `script`, the same file already transpiled to JavaScript, with this
 * environment and resolves once it listens. Its stderr is passed through; a target that dies fails the
 * bench instead of hanging it.
 */
export function spawnTarget(
  name: 'bot' | 'echo',
  env: Record<string, string>,
  script?: string,
  startTimeoutMs = 180_000,
): Promise<Target> {
  const child: ChildProcess = fork(script ?? join(__dirname, 'target-process.ts'), [name], {
    execArgv: script ? ['--expose-gc'] : ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
    // NODE_OPTIONS passes through, so a run can add a --require or V8 flag to both targets alike.
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, (reply: TargetReply) => void>();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      for (const settle of pending.values()) settle({ type: 'done', id: -1 });
      pending.clear();
      if (code !== 0 && code !== null) console.error(`bench target ${name} exited with ${code ?? signal}`);
      resolve();
    }),
  );
  const ask = (request: Request): Promise<TargetReply> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(`bench target ${name} is not running`));
      const id = ++nextId;
      pending.set(id, resolve);
      child.send({ ...request, id } as TargetRequest);
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench target ${name} did not start within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`bench target ${name} exited before it listened`));
    });
    child.on('message', (reply: TargetReply) => {
      if (reply.type === 'ready') {
        clearTimeout(timer);
        resolve({
          name,
          url: reply.url,
          pid: child.pid ?? 0,
          async usage(collect = false) {
            const answer = await ask({ type: 'usage', collect });
            if (answer.type !== 'usage') throw new Error(`bench target ${name} gave no usage`);
            return {
              cpuMicros: answer.cpuMicros,
              rss: answer.rss,
              heapUsed: answer.heapUsed,
              external: answer.external,
            };
          },
          async startProfile(intervalMicros) {
            await ask({ type: 'profile-start', intervalMicros });
          },
          async stopProfile(file) {
            await ask({ type: 'profile-stop', file });
          },
          async stop() {
            if (exited) return;
            await ask({ type: 'stop' }).catch(() => undefined);
            const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exit;
            clearTimeout(killer);
          },
        });
        return;
      }
      const settle = pending.get(reply.id);
      pending.delete(reply.id);
      settle?.(reply);
    });
  });
}
