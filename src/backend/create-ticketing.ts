import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import { createSupportCalendar } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { IdempotentResponses } from '../store/idempotent-responses';
import type { Store } from '../store/create-store';
import type { TicketStore } from '../tickets';
import { AckOverdueJob } from './embedded/ack-overdue-job';
import { BreachReminderJob } from './embedded/breach-reminder-job';
import { EmbeddedTicketBackend } from './embedded/embedded-ticket-backend';
import { SupportService } from './embedded/support-service';
import { createTokenSource } from './remote/create-token-source';
import { RemoteTicketBackend } from './remote/remote-ticket-backend';
import { ResendJob } from './remote/resend-job';
import { TicketServiceClient } from './remote/ticket-service-client';
import type { SupportDesk } from './support-port';
import type { TicketBackend } from './ticket-backend';

/** The ticket backend chosen by configuration, and what serves it. Callers never ask which one it is. */
export interface Ticketing {
  /** The publisher's port: what the bot files reports with and reads them from. */
  readonly backend: TicketBackend;
  /** Support's side, when this deployment runs the support desk itself (the embedded backend). */
  readonly supportDesk?: SupportDesk;
  /** Starts the background jobs (overdue acknowledgements, or resending kept reports). */
  start(): void;
  /** Stops them and waits for a run in flight. */
  stop(): Promise<void>;
  /** One pass of the backend's job now (tests). */
  runJobOnce(): Promise<number>;
  /** The GDPR Art. 33 reminders, when this deployment runs the support desk (runOnce() in tests). */
  readonly breachReminders?: BreachReminderJob;
}

export interface TicketingParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: Store;
  /** The one owner of the ticket tables. */
  readonly tickets: TicketStore;
  /** Answers remembered per Idempotency-Key (the ticket contract's writes). */
  readonly idempotency: IdempotentResponses;
  /** Replaces the configured @azure/identity credential (tests cannot reach Entra). */
  readonly credential?: TokenCredential;
}

/** How often kept reports are checked for a due delivery; each has its own backoff. */
const resendIntervalSeconds = 15;

export function createTicketing(parts: TicketingParts): Ticketing {
  const settings = parts.config.backend;
  return settings.kind === 'remote' ? remoteTicketing(parts, settings) : embeddedTicketing(parts);
}

function remoteTicketing(
  { config, logger, clock, tickets, credential }: TicketingParts,
  remote: Extract<Config['backend'], { kind: 'remote' }>,
): Ticketing {
  const client = new TicketServiceClient({
    baseUrl: remote.url,
    tokens: createTokenSource(remote, credential),
    timeoutMs: remote.timeoutMs,
    maxAttempts: remote.maxAttempts,
    logger,
  });
  const backend = new RemoteTicketBackend({
    client,
    repository: tickets,
    clock,
    calendar: createSupportCalendar(config.sla),
    logger,
  });
  const job = new ResendJob({
    backend,
    repository: tickets,
    clock,
    logger,
    intervalSeconds: resendIntervalSeconds,
  });
  return {
    backend,
    start: () => job.start(),
    stop: () => job.stop(),
    runJobOnce: () => job.runOnce(),
  };
}

function embeddedTicketing({ config, logger, clock, tickets, idempotency }: TicketingParts): Ticketing {
  const backend = new EmbeddedTicketBackend({
    repository: tickets,
    clock,
    calendar: createSupportCalendar(config.sla),
  });
  const job = new AckOverdueJob({
    repository: tickets,
    clock,
    logger,
    intervalSeconds: config.sla.overdueCheckSeconds,
  });
  // The 72-hour clock is checked as often as the acknowledgement clock: both are deadlines of hours.
  const breachReminders = new BreachReminderJob({
    repository: tickets,
    clock,
    logger,
    intervalSeconds: config.sla.overdueCheckSeconds,
  });
  return {
    backend,
    breachReminders,
    supportDesk: {
      support: new SupportService({ repository: tickets, clock }),
      ticketService: backend,
      idempotency,
    },
    start: () => {
      job.start();
      breachReminders.start();
    },
    stop: async () => {
      await Promise.all([job.stop(), breachReminders.stop()]);
    },
    runJobOnce: () => job.runOnce(),
  };
}
