import type { Clock } from '../../domain/clock';
import type { Actor } from '../../domain/ticket';
import type { Logger } from '../../logger';
import { PeriodicTask } from '../../periodic-task';
import { applyAndSave } from './apply-and-save';
import type { TicketStore } from '../../tickets';

const jobActor: Actor = { kind: 'system', id: 'ack-overdue-job' };
const batchSize = 100;

/**
 * Every `intervalSeconds`, tickets still unacknowledged past their due time get one 'ack_overdue' event
 * (and its outbox row, so support is alerted). The change is conditional on the version read and on no
 * alarm having gone off, so several instances running the job emit it once per ticket.
 */
export class AckOverdueJob {
  private readonly task: PeriodicTask;

  constructor(
    private readonly deps: {
      readonly repository: TicketStore;
      readonly clock: Clock;
      readonly logger: Logger;
      readonly intervalSeconds: number;
    },
  ) {
    this.task = new PeriodicTask(
      { name: 'ack_overdue', intervalMs: deps.intervalSeconds * 1000, logger: deps.logger, runOnStart: true },
      () => this.runOnce(),
    );
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; returns how many tickets were marked overdue by this instance. */
  async runOnce(): Promise<number> {
    const now = this.deps.clock.now();
    let marked = 0;
    for (;;) {
      const due = await this.deps.repository.dueForAckOverdue(now, batchSize);
      const before = marked;
      for (const stored of due) {
        const result = await applyAndSave(
          this.deps.repository,
          stored,
          { type: 'mark_ack_overdue' },
          jobActor,
          now,
          { onlyIfNotOverdue: true },
        );
        if (result.ok) {
          marked += 1;
          this.deps.logger.info(
            { event: 'ticket.ack_overdue', confirmationNumber: stored.ticket.confirmationNumber },
            'acknowledgement overdue',
          );
        }
      }
      // A full batch may hide more; a batch where nothing could be marked would only repeat itself.
      if (due.length < batchSize || marked === before) return marked;
    }
  }
}
