import type { Clock } from '../../domain/clock';
import type { Actor } from '../../domain/ticket';
import type { Logger } from '../../logger';
import { PeriodicTask } from '../../periodic-task';
import type { TicketStore } from '../../tickets';
import { applyAndSave } from './apply-and-save';

const jobActor: Actor = { kind: 'system', id: 'breach-reminder-job' };
const batchSize = 100;

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
  async runOnce(): Promise<number> {
    const now = this.deps.clock.now();
    let reminded = 0;
    for (;;) {
      const due = await this.deps.repository.dueForBreachReminder(now, batchSize);
      const before = reminded;
      for (const stored of due) {
        const result = await applyAndSave(
          this.deps.repository,
          stored,
          { type: 'remind_breach_notification' },
          jobActor,
          now,
        );
        if (result.ok) {
          reminded += 1;
          this.deps.logger.info(
            {
              event: 'ticket.breach_reminder_due',
              confirmationNumber: stored.ticket.confirmationNumber,
              dueAt: stored.ticket.breachDueAt,
            },
            'breach notification reminder due',
          );
        }
      }
      // A full batch may hide more; a batch where nothing could be reminded would only repeat itself.
      if (due.length < batchSize || reminded === before) return reminded;
    }
  }
}
