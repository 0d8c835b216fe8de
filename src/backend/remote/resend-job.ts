import type { Clock } from '../../domain/clock';
import type { Logger } from '../../logger';
import type { TicketRepository } from '../embedded/ticket-repository';
import type { RemoteTicketBackend } from './remote-ticket-backend';

const batchSize = 20;

/**
 * Delivers reports kept locally while the remote ticket service was unreachable, each when its backoff
 * has passed, until the service accepts it. Several instances may run it: each report is claimed by one
 * at a time, and the Idempotency-Key makes even a doubled delivery file once.
 */
export class ResendJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly deps: {
      readonly backend: RemoteTicketBackend;
      readonly repository: TicketRepository;
      readonly clock: Clock;
      readonly logger: Logger;
      readonly intervalSeconds: number;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.intervalSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over the reports due for delivery; returns how many were delivered. */
  async runOnce(): Promise<number> {
    const due = await this.deps.repository.dueForDelivery(this.deps.clock.now(), batchSize);
    let delivered = 0;
    for (const stored of due) {
      if (await this.deps.backend.deliver(stored)) delivered += 1;
    }
    return delivered;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runOnce();
    try {
      await this.running;
    } catch (err) {
      this.deps.logger.error({ event: 'resend.failed', err }, 'resending kept reports failed');
    } finally {
      this.running = undefined;
    }
  }
}
