import type { Clock } from '../../domain/clock';
import type { Actor } from '../../domain/ticket';
import type { Logger } from '../../logger';
import { PeriodicTask } from '../../periodic-task';
import type { TicketStore } from '../../tickets';
import { sweepDueTickets } from './sweep-due-tickets';

const jobActor: Actor = { kind: 'system', id: 'breach-reminder-job' };

/**
 * Every `intervalSeconds`, incidents with personal data whose 72 hours to notify the supervisory
 * authority (GDPR Art. 33) run out within the day get their one 'breach_reminder_due' event; its outbox
 * row brings the publisher the reminder with the "I have notified the authority" button. The domain
 * decides (breach-clock.ts): never after the mark, never twice, never once the deadline passed. The
 * change is conditional on the version read, so two instances running the job remind once.
 */
export class BreachReminderJob {
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
      {
        name: 'breach_reminder',
        intervalMs: deps.intervalSeconds * 1000,
        logger: deps.logger,
        runOnStart: true,
      },
      () => this.runOnce(),
    );
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; returns how many reminders this instance made. */
  runOnce(): Promise<number> {
    const now = this.deps.clock.now();
    return sweepDueTickets({
      repository: this.deps.repository,
      due: (limit) => this.deps.repository.dueForBreachReminder(now, limit),
      command: { type: 'remind_breach_notification' },
      actor: jobActor,
      now,
      applied: (stored) =>
        this.deps.logger.info(
          {
            event: 'ticket.breach_reminder_due',
            confirmationNumber: stored.ticket.confirmationNumber,
            dueAt: stored.ticket.breachDueAt,
          },
          'breach notification reminder due',
        ),
    });
  }
}
