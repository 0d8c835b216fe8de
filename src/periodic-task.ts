import type { Logger } from './logger';

export interface PeriodicTaskOptions {
  /** Names the task in the log line of a failed run, e.g. 'ack_overdue'. */
  readonly name: string;
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Run once right away on start (default: wait one interval). */
  readonly runOnStart?: boolean;
}

/**
 * Runs `work` every `intervalMs`, never two runs at once in this process; a failed run is logged once and
 * the next one comes at the next interval. `stop()` waits for a run in flight, so shutdown is clean. The
 * timer does not keep the process alive. Several instances may run the same task: the work itself must be
 * safe for that (leases, conditional updates), as every job here is.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly options: PeriodicTaskOptions,
    private readonly work: () => Promise<unknown>,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
    if (this.options.runOnStart) void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.work();
    try {
      await this.running;
    } catch (err) {
      this.options.logger.error(
        { event: `${this.options.name}.failed`, err },
        `${this.options.name} run failed`,
      );
    } finally {
      this.running = undefined;
    }
  }
}
