import type { Clock } from '../../domain/clock';
import type { Logger } from '../../logger';
import { PeriodicTask } from '../../periodic-task';
import type { TicketStore } from '../../tickets';
import type { RemoteTicketBackend } from './remote-ticket-backend';

const batchSize = 20;

/**
 * Delivers reports kept locally while the remote ticket service was unreachable, each when its backoff
 * has passed, until the service accepts it. Several instances may run it: each report is claimed by one
 * at a time, and the Idempotency-Key makes even a doubled delivery file once.
 */
export class ResendJob {
  private readonly task: PeriodicTask;

  constructor(
    private readonly deps: {
      readonly backend: RemoteTicketBackend;
      readonly repository: TicketStore;
      readonly clock: Clock;
      readonly logger: Logger;
      readonly intervalSeconds: number;
    },
  ) {
    this.task = new PeriodicTask(
      { name: 'resend', intervalMs: deps.intervalSeconds * 1000, logger: deps.logger },
      () => this.runOnce(),
    );
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
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
}
