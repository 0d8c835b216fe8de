import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../logger';
import type { OutboxDepth } from '../tickets/outbox';

/** What the gauges read from the store when scraped (bounded queries through src/tickets). */
export interface StoreGaugeSource {
  outboxDepth(now: Date): Promise<OutboxDepth>;
  overdueForAcknowledgement(now: Date): Promise<number>;
}

/** What the delivery engine has counted since start (src/notify/delivery-engine.ts `stats`). */
export interface DeliveryCounts {
  /** Finished works per `sink.outcome`, e.g. `publisher.sent`, `publisher.dead`. */
  readonly finished: ReadonlyMap<string, number>;
  /** 429 answers from the Bot Connector. */
  readonly throttled: number;
}

export interface MetricsSources {
  readonly store: StoreGaugeSource;
  readonly delivery: () => DeliveryCounts;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** Store reads on a scrape give up after this long: a slow database must not hang the scraper. */
const storeReadTimeoutMs = 2_000;

/**
 * The Prometheus metrics of one running app, in its own registry (tests run several apps in one
 * process). Counters and the histogram are fed as requests and turns happen; the gauges are read from
 * the store on each scrape, once per scrape however many gauges ask.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly turnSeconds: Histogram<'kind'>;
  private sources?: MetricsSources;
  /** The store's answer for the scrape under way (reset as each scrape starts). */
  private snapshot?: Promise<StoreSnapshot | undefined>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'security_desk_' });
    this.httpRequests = new Counter({
      name: 'security_desk_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.turnSeconds = new Histogram({
      name: 'security_desk_turn_duration_seconds',
      help: 'Time from receiving an activity to answering it, by kind of turn.',
      labelNames: ['kind'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    // prom-client calls collect() with the metric as `this`; the sources are read through `read`.
    const read = {
      delivery: () => this.sources?.delivery(),
      store: () => this.readStore(),
    };
    new Counter({
      name: 'security_desk_deliveries_total',
      help: 'Proactive deliveries finished, by sink and outcome (sent, updated, skipped, dead, …).',
      labelNames: ['sink', 'outcome'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [key, count] of read.delivery()?.finished ?? []) {
          const dot = key.indexOf('.');
          this.inc({ sink: key.slice(0, dot), outcome: key.slice(dot + 1) }, count);
        }
      },
    });
    new Counter({
      name: 'security_desk_connector_throttled_total',
      help: 'HTTP 429 answers from the Bot Connector (Teams rate limits).',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read.delivery()?.throttled ?? 0);
      },
    });
    this.storeGauge('security_desk_outbox_pending', 'Notifications waiting to be sent.', (s) => s.pending);
    this.storeGauge('security_desk_outbox_due', 'Pending notifications whose time has come.', (s) => s.due);
    this.storeGauge(
      'security_desk_outbox_oldest_due_age_seconds',
      'Age of the oldest due notification (0 when none is due).',
      (s) => s.oldestDueAgeSeconds,
    );
    this.storeGauge('security_desk_dead_letters', 'Notifications given up on.', (s) => s.dead);
    this.storeGauge(
      'security_desk_tickets_ack_overdue',
      'Tickets still unacknowledged past their due time.',
      (s) => s.overdue,
    );
    new Gauge({
      name: 'security_desk_metrics_store_up',
      help: '1 when the store answered this scrape (the store gauges keep their last value otherwise).',
      registers: [this.registry],
      async collect() {
        this.set((await read.store()) ? 1 : 0);
      },
    });
  }

  /** Connects the gauges to the running app's store and delivery engine. */
  attach(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** The text exposition format for a scrape. */
  async text(): Promise<{ contentType: string; body: string }> {
    this.snapshot = undefined;
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private storeGauge(name: string, help: string, pick: (snapshot: StoreSnapshot) => number): void {
    const readStore = () => this.readStore();
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        const snapshot = await readStore();
        if (snapshot) this.set(pick(snapshot));
      },
    });
  }

  private readStore(): Promise<StoreSnapshot | undefined> {
    const sources = this.sources;
    if (!sources) return Promise.resolve(undefined);
    if (this.snapshot) return this.snapshot;
    const now = sources.now();
    const value = withTimeout(
      Promise.all([sources.store.outboxDepth(now), sources.store.overdueForAcknowledgement(now)]),
      storeReadTimeoutMs,
    ).then(
      ([depth, overdue]): StoreSnapshot => ({
        pending: depth.pending,
        due: depth.due,
        dead: depth.dead,
        oldestDueAgeSeconds: depth.oldestDueCreatedAt
          ? Math.max(0, (now.getTime() - Date.parse(depth.oldestDueCreatedAt)) / 1000)
          : 0,
        overdue,
      }),
      (error: unknown) => {
        sources.logger.warn(
          { event: 'metrics.store_unreadable', err: error },
          'metrics: the store did not answer',
        );
        return undefined;
      },
    );
    this.snapshot = value;
    return value;
  }
}

interface StoreSnapshot {
  readonly pending: number;
  readonly due: number;
  readonly dead: number;
  readonly oldestDueAgeSeconds: number;
  readonly overdue: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
