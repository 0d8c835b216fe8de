import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';

/** WAL size (in pages) from which checkpoints run off the event loop: SQLite's own default threshold. */
const START_AT_PAGES = 1000;
/**
 * The main connection's own automatic checkpoint, raised from SQLite's 1,000 pages: only a backstop,
 * should the background checkpoints fall behind or stop (a WAL of 40 MB at the default page size).
 */
export const BACKSTOP_PAGES = 10_000;
/** How often the WAL is looked at, and once the worker runs, checkpointed. */
const EVERY_MS = 250;

export interface CheckpointResult {
  /** Frames in the WAL, and how many of them are now in the database file. */
  readonly log: number;
  readonly checkpointed: number;
  /** 1 when readers kept the checkpoint from finishing (it goes on at the next one). */
  readonly busy: number;
}

// Plain JavaScript run by the worker (eval), so it needs no build step in any way the app is run.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, result });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String((error && error.message) || error) });
  }
});
`;

/**
 * SQLite's WAL is copied back into the database file by a checkpoint, which writes and fsyncs both
 * files: 5–11 ms on the event loop every ~1,000 pages when the committing connection runs it (a commit's
 * p99 went from 0.2 to 5 ms; docs/decisions/turn-performance.md). Here a second connection on a worker
 * thread checkpoints instead (PASSIVE: it never blocks the writer or readers), every 250 ms once the WAL
 * has first grown past 1,000 pages, so a store that writes little never starts a thread. The main
 * connection keeps an automatic checkpoint at BACKSTOP_PAGES in case the worker falls behind.
 */
export class BackgroundCheckpoints {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private asked = false;
  private stopped = false;
  /** After a failure, no new worker for a while (the backstop checkpoints meanwhile): no log flood. */
  private pausedUntil = 0;
  private readonly waiting: Array<{
    resolve: (result: CheckpointResult) => void;
    reject: (error: unknown) => void;
  }> = [];

  constructor(
    private readonly file: string,
    private readonly pageSize: number,
    private readonly logger?: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      // Whatever goes wrong here, the main connection's backstop checkpoint still runs: log, never throw.
      this.look().catch((error: unknown) => this.failed(error));
    }, EVERY_MS);
    this.timer.unref();
  }

  /** The next checkpoint the worker finishes (tests, and operators' tooling); rejected if the worker fails. */
  next(): Promise<CheckpointResult> {
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    const gaveUp = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(gaveUp);
  }

  private async look(): Promise<void> {
    if (this.stopped || this.asked || Date.now() < this.pausedUntil) return;
    if (!this.worker) {
      const size = await stat(`${this.file}-wal`).then(
        (s) => s.size,
        () => 0,
      );
      if (this.stopped || this.worker || size < START_AT_PAGES * this.pageSize) return;
      this.worker = this.startWorker();
    }
    this.asked = true;
    this.worker.postMessage('checkpoint');
  }

  private startWorker(): Worker {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: this.file },
    });
    worker.unref();
    worker.on('message', (message: { ok: boolean; result?: CheckpointResult; error?: string }) => {
      this.asked = false;
      if (!message.ok || !message.result) {
        this.logger?.warn(
          { event: 'sqlite.checkpoint_failed', error: message.error },
          'background checkpoint failed',
        );
        return;
      }
      for (const { resolve } of this.waiting.splice(0)) resolve(message.result);
    });
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failed(error);
    });
    return worker;
  }

  /** The backstop checkpoint on the main connection takes over; a minute later a new worker may start. */
  private failed(thrown: unknown): void {
    // An error from the worker arrives structured-cloned: better-sqlite3's SqliteError as a plain object.
    const error =
      thrown instanceof Error
        ? thrown
        : Object.assign(new Error(`checkpoint worker failed: ${JSON.stringify(thrown)}`), thrown);
    this.asked = false;
    this.pausedUntil = Date.now() + 60_000;
    this.logger?.error(
      { event: 'sqlite.checkpoint_worker_failed', err: error },
      'background checkpoints failed; the connection checkpoints by itself for a minute',
    );
    for (const { reject } of this.waiting.splice(0)) reject(error);
  }
}
