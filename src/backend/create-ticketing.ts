import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import { createSupportCalendar } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import { PeriodicTask } from '../periodic-task';
import type { Store } from '../store/create-store';
import { IdempotentResponses } from '../store/idempotent-responses';
import { AckOverdueJob } from './embedded/ack-overdue-job';
import { EmbeddedTicketBackend } from './embedded/embedded-ticket-backend';
import { SupportService } from './embedded/support-service';
import { TicketRepository } from './embedded/ticket-repository';
import { createTokenSource } from './remote/create-token-source';
import { RemoteTicketBackend } from './remote/remote-ticket-backend';
import { ResendJob } from './remote/resend-job';
import { TicketServiceClient } from './remote/ticket-service-client';
import type { TicketBackend } from './ticket-backend';

/** The ticket backend chosen by configuration, and what serves it. */
export type Ticketing =
  | (TicketingBase & {
      readonly kind: 'embedded';
      readonly backend: EmbeddedTicketBackend;
      /** Support's view and commands (the support API and support cards). */
      readonly support: SupportService;
      /** Answers remembered per Idempotency-Key for the publisher-side API. */
      readonly idempotency: IdempotentResponses;
    })
  | (TicketingBase & { readonly kind: 'remote'; readonly backend: RemoteTicketBackend });

interface TicketingBase {
  readonly backend: TicketBackend;
  readonly repository: TicketRepository;
  /** Starts the background job (overdue acknowledgements, or resending kept reports). */
  start(): void;
  /** Stops it and waits for a run in flight. */
  stop(): Promise<void>;
  /** One pass of the job now (tests). */
  runJobOnce(): Promise<number>;
}

export interface TicketingParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: Store;
  /** Replaces the configured @azure/identity credential (tests cannot reach Entra). */
  readonly credential?: TokenCredential;
  /** Called after a commit that wrote outbox rows (wakes the notifier). */
  readonly onOutboxWritten?: () => void;
}

/** How often kept reports are checked for a due delivery; each has its own backoff. */
const resendIntervalSeconds = 15;

export function createTicketing({
  config,
  logger,
  clock,
  store,
  credential,
  onOutboxWritten,
}: TicketingParts): Ticketing {
  const calendar = createSupportCalendar(config.sla);
  const repository = new TicketRepository(store.db, onOutboxWritten);
  if (config.backend.kind === 'remote') {
    const remote = config.backend;
    const client = new TicketServiceClient({
      baseUrl: remote.url,
      tokens: createTokenSource(remote, credential),
      timeoutMs: remote.timeoutMs,
      maxAttempts: remote.maxAttempts,
      logger,
    });
    const backend = new RemoteTicketBackend({ client, repository, clock, calendar, logger });
    const job = new ResendJob({ backend, repository, clock, logger, intervalSeconds: resendIntervalSeconds });
    return {
      kind: 'remote',
      backend,
      repository,
      start: () => job.start(),
      stop: () => job.stop(),
      runJobOnce: () => job.runOnce(),
    };
  }
  const backend = new EmbeddedTicketBackend({ repository, clock, calendar });
  const support = new SupportService({ repository, clock });
  const job = new AckOverdueJob({
    repository,
    clock,
    logger,
    intervalSeconds: config.sla.overdueCheckSeconds,
  });
  const idempotency = new IdempotentResponses(store.db, clock);
  // Idempotency-Keys guard retries, which come within minutes: a day is ample, and the table stays small.
  const purgeKeys = new PeriodicTask(
    { name: 'idempotency_purge', intervalMs: 3_600_000, logger, runOnStart: true },
    () => idempotency.purge(new Date(clock.now().getTime() - 24 * 3_600_000)),
  );
  return {
    kind: 'embedded',
    backend,
    support,
    repository,
    idempotency,
    start: () => {
      job.start();
      purgeKeys.start();
    },
    stop: async () => {
      await Promise.all([job.stop(), purgeKeys.stop()]);
    },
    runJobOnce: () => job.runOnce(),
  };
}
