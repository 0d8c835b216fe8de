import type { Clock } from '../../domain/clock';
import type { Actor } from '../../domain/ticket';
import type { Logger } from '../../logger';
import { PeriodicTask } from '../../periodic-task';
import { sweepDueTickets } from './sweep-due-tickets';
import type { TicketStore } from '../../tickets';

const jobActor: Actor = { kind: 'system', id: 'ack-overdue-job' };

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
  runOnce(): Promise<number> {
    const now = this.deps.clock.now();
    return sweepDueTickets({
      repository: this.deps.repository,
      due: (limit) => this.deps.repository.dueForAckOverdue(now, limit),
      command: { type: 'mark_ack_overdue' },
      actor: jobActor,
      now,
      options: { onlyIfNotOverdue: true },
      applied: (stored) =>
        this.deps.logger.info(
          { event: 'ticket.ack_overdue', confirmationNumber: stored.ticket.confirmationNumber },
          'acknowledgement overdue',
        ),
    });
  }
}
