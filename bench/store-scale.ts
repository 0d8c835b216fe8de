/**
 * Store scale (npm run bench:store): does answering a publisher or an analyst stay as fast with 100,000
 * tickets over 2,000 tenants in the store as with an empty one? Target: p99 within 1.5× of the same turn
 * on the empty store, for `my tickets`, `status <number>` and the support list, on SQLite and PostgreSQL.
 *
 * Per engine, two real apps (startApp, real HTTP, the connector stand-in for the bot's replies):
 * - "empty": the measured publisher's tenant has BASE tickets (35: a support-list page of 25 in the
 *   filter's states, the newest, and 10 older ones in every later state) and nothing else;
 * - "full": the very same BASE tickets plus seeded ones up to --tickets over --tenants tenants, the
 *   measured tenant keeping --tickets/--tenants (50) like every other. Seeded tickets are older than the
 *   BASE ones, so both stores answer with the same tickets and cards of the same size: only the store's
 *   size differs (checked before measuring).
 * Tickets are built by the domain (createTicket, applyCommand: valid rows and histories, a mix of states,
 * severities and categories, old ones mostly closed) and written with multi-row INSERTs; every event's
 * outbox row is stored as sent long ago and every open ticket's card as shown in a support channel of the
 * bench's own (not active), so the notifier has nothing to do. The two apps are measured in alternating rounds, so a
 * neighbour's load on the machine falls on both alike. PostgreSQL gets a fresh database per store
 * (dropped afterwards) and VACUUM ANALYZE after seeding, as autovacuum would do shortly after.
 * Turns: `my tickets` and `status <number>` as Teams activities from the measured tenant's users; the
 * support list as GETs of /api/support/tickets (bearer SUPPORT_API_KEY, local mode), unfiltered and with
 * ?state=submitted (README's example; --states a,b for others). Also times the count(*) behind the list's
 * total straight on the store, the delivery engine's two claims with nothing to do (the support channel's
 * cards, the outbox: both run after every commit and poll), and with --explain prints the list queries'
 * plans on the full store.
 *
 * Options: --turns 600 --concurrency 4 --tickets 100000 --tenants 2000 --engines sqlite,postgres
 *          --states submitted --explain
 */
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { startApp, type RunningApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { suggestSeverityFromBase } from '../src/domain/cvss';
import {
  applyCommand,
  categories,
  confirmationAlphabet,
  createTicket,
  normaliseConfirmationNumber,
  priorities,
  severities,
  ticketStates,
  type Actor,
  type Category,
  type Ticket,
  type TicketCommand,
  type TicketEvent,
  type TicketReport,
  type TicketState,
} from '../src/domain/ticket';
import { createLogger } from '../src/logger';
import type { Database, NewTicketEventRow, NewTicketRow } from '../src/store/tables';
import { Outbox, SupportCards } from '../src/tickets';
import { adaptiveCardsOf, ConnectorStandIn } from '../test/support/connector-stand-in';
import { engines, type TestDatabase } from '../test/support/databases';
import { TeamsChat, teamsUser } from '../test/support/teams-activities';
import { listArgument, wholeArgument as argument } from './bench-arguments';

const TURNS = argument('turns', 600);
const CONCURRENCY = argument('concurrency', 4);
const TICKETS = argument('tickets', 100_000);
const TENANTS = argument('tenants', 2_000);
const ENGINES = (() => {
  const names = listArgument('engines', ['sqlite', 'postgres']);
  for (const name of names) {
    if (!engines.some((e) => e.name === name)) throw new Error(`--engines: unknown engine ${name}`);
  }
  return names;
})();
const EXPLAIN = process.argv.includes('--explain');
const WARMUP = Math.min(60, TURNS);
/** Rounds per kind; the empty and the full store take turns, first one then the other. */
const ROUNDS = Math.min(10, TURNS);
/** The whole run stops (and cleans up) past this. */
const DEADLINE = Date.now() + 8 * 60_000;
const TARGET = 1.5;

/** The support list's filter (README's example); --states takes a comma-separated list instead. */
const FILTER_STATES = (() => {
  const states = listArgument('states', ['submitted']);
  for (const state of states) {
    if (!ticketStates.includes(state as TicketState)) throw new Error(`--states: unknown state ${state}`);
  }
  return states as TicketState[];
})();
/** One support-list page: the measured tenant's newest tickets, in the filter's states. */
const PAGE = 25;
/** And a few older ones, in every later state, for histories of every length. */
const OTHERS: readonly TicketState[] = [
  'acknowledged',
  'in_assessment',
  'awaiting_publisher',
  'outcome',
  'closed',
];
const BASE = PAGE + 2 * OTHERS.length;
const PER_TENANT = Math.floor(TICKETS / TENANTS);
if (PER_TENANT < BASE) throw new Error(`--tickets / --tenants must be at least ${BASE}`);
const SUPPORT_KEY = 'bench-support-key-0123456789abcdef-0123456789';
const MEASURED_TENANT = '11111111-aaaa-4aaa-8aaa-000000000001';
const FILTER_QUERY = `?state=${FILTER_STATES.join(',')}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();

// Both apps share this process, and seeding leaves a large heap behind: each block of turns starts from a
// collected heap, so a major GC lands on neither store in particular.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

// ---------------------------------------------------------------------------------------------------------
// The tickets: built by the domain, so rows and histories are what the app itself would have stored.

/** mulberry32: a small seeded generator, so every run (and both stores) get the same tickets. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)]!;

/**
 * Distinct numbers for distinct indexes: i ↦ (i·stride + offset) mod 30^8 is a bijection (the stride is
 * a prime other than 2, 3, 5), written in the confirmation alphabet.
 */
function benchNumber(index: number): string {
  let n = (index * 982_451_653 + 123_456_789) % 30 ** 8;
  let code = '';
  for (let k = 0; k < 8; k++) {
    code = confirmationAlphabet[n % 30]! + code;
    n = Math.floor(n / 30);
  }
  // With the prefix: a code that itself starts with SEC would otherwise lose it.
  const number = normaliseConfirmationNumber(`SEC-${code}`);
  if (!number) throw new Error(`bench number ${code} is not a confirmation number`);
  return number;
}

function tenantId(index: number): string {
  if (index === 0) return MEASURED_TENANT;
  const hex = index.toString(16).padStart(12, '0');
  return `${hex.slice(4)}-bbbb-4bbb-8bbb-${hex}`;
}

const analyst: Actor = { kind: 'support', id: 'aad-bench-analyst', name: 'Sam Support' };
const overdueJob: Actor = { kind: 'system', id: 'ack-overdue-job' };
const vectors = [
  { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 },
  { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', baseScore: 6.5 },
  { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N', baseScore: 5.4 },
  { version: '3.1', vector: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', baseScore: 1.8 },
] as const;

function reportOf(category: Category, index: number, random: () => number): TicketReport {
  const offers = [{ name: `Contoso Offer ${index % 97}`, offerId: `contoso.offer-${index % 97}` }];
  if (category === 'vulnerability') {
    const withCvss = random() < 0.8;
    return {
      title: `Bench vulnerability ${index}: input reaches SQL unescaped`,
      offers,
      description: 'The search box of the admin console passes input to SQL unescaped. '.repeat(3),
      knownExploited: pick(random, ['no', 'unknown', 'yes'] as const),
      vulnerability: {
        cveIds: [`CVE-2026-${String(10_000 + (index % 80_000))}`],
        ...(withCvss ? { cvss: pick(random, vectors) } : {}),
      },
      fix: { kind: 'full', remediationSteps: 'Upgrade to 2.4.1.' },
    };
  }
  return {
    title: `Bench incident ${index}: storage key leaked`,
    offers,
    description: 'A storage account key was committed to a public repository. '.repeat(3),
    knownExploited: pick(random, ['no', 'unknown'] as const),
    incident: { dataOrSystems: 'Customer backup blobs', ongoing: pick(random, ['no', 'unknown'] as const) },
    fix: { kind: 'none' },
  };
}

/** The commands that bring a new ticket to `state` (some with a message or a question on the way). */
function roadTo(state: TicketState, random: () => number): Array<{ command: TicketCommand; actor?: Actor }> {
  const acknowledge = {
    command: {
      type: 'acknowledge',
      priority: pick(random, priorities),
      severity: pick(random, severities),
    } as TicketCommand,
  };
  const outcome = {
    command: {
      type: 'set_outcome',
      outcome:
        random() < 0.5
          ? { kind: 'mitigated', summary: 'Patched and verified.' }
          : { kind: 'no_action_needed', summary: 'Not exploitable in the offer as deployed.' },
    } as TicketCommand,
  };
  const chatter =
    random() < 0.3 ? [{ command: { type: 'post_message', message: 'Any news?' } as const }] : [];
  switch (state) {
    case 'submitted':
      return chatter;
    case 'acknowledged':
      return [acknowledge];
    case 'in_assessment':
      return [acknowledge, { command: { type: 'start_assessment' } }, ...chatter];
    case 'awaiting_publisher':
      return [acknowledge, { command: { type: 'ask_question', question: 'Which versions are affected?' } }];
    case 'outcome':
      return [acknowledge, ...chatter, outcome];
    case 'closed':
      return random() < 0.15
        ? [{ command: { type: 'close', reason: 'withdrawn', note: 'Reported twice by mistake' } }]
        : [acknowledge, outcome, { command: { type: 'close', reason: 'resolved' } }];
  }
}

/** Older tickets are mostly closed, recent ones mostly open, as in a desk that keeps up. */
function stateFor(ageDays: number, random: () => number): TicketState {
  const u = random();
  if (ageDays > 90) return u < 0.95 ? 'closed' : 'outcome';
  if (ageDays > 14)
    return u < 0.7 ? 'closed' : pick(random, ['in_assessment', 'awaiting_publisher', 'outcome']);
  return u < 0.15
    ? 'closed'
    : pick(random, ['submitted', 'acknowledged', 'in_assessment', 'awaiting_publisher']);
}

interface SeedTicket {
  readonly row: NewTicketRow;
  readonly events: NewTicketEventRow[];
  readonly number: string;
}

/** One ticket as the app would have stored it: the ticket row mapped as the repository maps it. */
function buildTicket(index: number, tenantIndex: number, createdAt: number, state: TicketState): SeedTicket {
  const random = seededRandom(index + 1);
  const category = pick(random, categories);
  const reporter = { id: `aad-bench-${tenantIndex}-${index % 3}`, name: 'Pat Publisher' };
  const calendar = { ackDueAt: (at: Date) => new Date(at.getTime() + DAY) };
  const created = createTicket(
    { tenantId: tenantId(tenantIndex), reporter, category, report: reportOf(category, index, random) },
    new Date(createdAt),
    () => benchNumber(index),
    calendar,
  );
  if (!created.ok) throw new Error(`bench ticket refused: ${JSON.stringify(created.errors)}`);
  let ticket: Ticket = created.ticket;
  const events: TicketEvent[] = [...created.events];
  const road = roadTo(state, random);
  const overdue = state === 'submitted' && Date.parse(ticket.ackDueAt) < NOW;
  if (overdue) road.push({ command: { type: 'mark_ack_overdue' }, actor: overdueJob });
  // Events spread between submission and now, in order.
  let at = createdAt;
  for (const [step, { command, actor }] of road.entries()) {
    at += Math.max(1000, ((NOW - at) / (road.length - step + 1)) * (0.3 + 0.7 * random()));
    if (command.type === 'mark_ack_overdue') at = Math.max(at, Date.parse(ticket.ackDueAt) + 60_000);
    const who =
      actor ?? (command.type === 'post_message' ? { kind: 'publisher' as const, ...reporter } : analyst);
    const applied = applyCommand(ticket, command, who, new Date(Math.min(at, NOW - 1000)));
    if (!applied.ok) throw new Error(`bench ${command.type} refused: ${JSON.stringify(applied.errors)}`);
    ticket = applied.ticket;
    events.push(...applied.events);
  }
  if (ticket.state !== state) throw new Error(`bench ticket ended ${ticket.state}, not ${state}`);
  const id = randomUUID();
  const cvss = ticket.report.vulnerability?.cvss;
  const row: NewTicketRow = {
    id,
    confirmation_number: ticket.confirmationNumber,
    tenant_id: ticket.tenantId,
    reporter_id: ticket.reporter.id,
    reporter_name: ticket.reporter.name ?? '',
    locale: 'en-US',
    conversation_id: `a:bench-chat-${tenantIndex}-${index % 3}`,
    reporter_time_zone: 'Europe/Berlin',
    category: ticket.category,
    title: ticket.report.title,
    report: JSON.stringify(ticket.report),
    suggested_severity: (cvss && suggestSeverityFromBase(cvss)) ?? null,
    ack_due_at: ticket.ackDueAt,
    submission_key: `bench-${index}`,
    remote_state: 'local',
    next_delivery_at: null,
    created_at: ticket.submittedAt,
    state: ticket.state,
    priority: ticket.priority ?? null,
    severity: ticket.severity ?? null,
    outcome: ticket.outcome ? JSON.stringify(ticket.outcome) : null,
    open_questions: JSON.stringify(ticket.openQuestions),
    acknowledged_at: ticket.acknowledgedAt ?? null,
    ack_overdue_at: ticket.ackOverdueAt ?? null,
    closed_at: ticket.closedAt ?? null,
    close_reason: ticket.closeReason ?? null,
    updated_at: ticket.updatedAt,
    version: ticket.version,
  };
  return {
    row,
    number: ticket.confirmationNumber,
    events: events.map((event, i) => ({
      id: randomUUID(),
      ticket_id: id,
      seq: i + 1,
      type: event.type,
      actor_kind: event.actor.kind,
      actor_id: event.actor.id,
      actor_name: event.actor.name ?? null,
      payload: JSON.stringify(event.data),
      created_at: event.at,
    })),
  };
}

/**
 * The measured tenant's BASE tickets, submitted in the last day and the newest in either store: first the
 * OTHERS twice, then a page in the filter's states. So every list shows the same tickets in both stores.
 */
function baseTickets(): SeedTicket[] {
  return Array.from({ length: BASE }, (_, i) => {
    const state = i < BASE - PAGE ? OTHERS[i % OTHERS.length]! : FILTER_STATES[i % FILTER_STATES.length]!;
    return buildTicket(i, 0, NOW - (BASE - i) * 30 * 60_000, state);
  });
}

/** Multi-row INSERTs, a transaction per chunk; no outbox rows (the notifier must have nothing to do). */
async function insertTickets(db: Kysely<Database>, tickets: readonly SeedTicket[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < tickets.length; i += 400) {
      await trx
        .insertInto('tickets')
        .values(tickets.slice(i, i + 400).map((t) => t.row))
        .execute();
    }
    const events = tickets.flatMap((t) => t.events);
    for (let i = 0; i < events.length; i += 1500) {
      await trx
        .insertInto('ticket_events')
        .values(events.slice(i, i + 1500))
        .execute();
    }
  });
}

/** Everything but the BASE tickets: every tenant up to PER_TENANT, older than a day, in time order. */
async function seedFull(db: Kysely<Database>): Promise<{ tickets: number; events: number }> {
  const random = seededRandom(20_261_124);
  const slots: number[] = [];
  for (let tenant = 0; tenant < TENANTS; tenant++) {
    for (let k = tenant === 0 ? BASE : 0; k < PER_TENANT; k++) slots.push(tenant);
  }
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  const times = slots.map(() => NOW - DAY - random() * 729 * DAY).sort((a, b) => a - b);
  let events = 0;
  const chunk = 2000;
  for (let start = 0; start < slots.length; start += chunk) {
    const tickets: SeedTicket[] = [];
    for (let i = start; i < Math.min(slots.length, start + chunk); i++) {
      const createdAt = times[i]!;
      const state = stateFor((NOW - createdAt) / DAY, random);
      tickets.push(buildTicket(BASE + i, slots[i]!, createdAt, state));
    }
    events += tickets.reduce((sum, t) => sum + t.events.length, 0);
    await insertTickets(db, tickets);
  }
  return { tickets: slots.length, events };
}

// ---------------------------------------------------------------------------------------------------------
// The turns.

interface Target {
  readonly app: RunningApp;
  readonly database: TestDatabase;
  /** CONCURRENCY × 2 chats of the measured tenant's users; worker w uses only its own two. */
  readonly chats: TeamsChat[];
}

interface Kind {
  readonly name: string;
  run(target: Target, worker: number, turn: number): Promise<void>;
}

function cardOf(result: { status: number; replies: Array<{ body: Record<string, unknown> }> }, what: string) {
  const cards = result.replies.flatMap((r) => adaptiveCardsOf(r.body));
  if (result.status !== 200 || result.replies.length !== 1 || cards.length !== 1) {
    throw new Error(
      `${what}: status ${result.status}, ${result.replies.length} replies, ${cards.length} cards: ${JSON.stringify(result.replies.map((r) => r.body.text ?? r.body)).slice(0, 400)}`,
    );
  }
  return cards[0]!;
}

async function supportGet(target: Target, query: string): Promise<{ items: unknown[]; total: number }> {
  const response = await fetch(`${target.app.url}/api/support/tickets${query}`, {
    headers: { authorization: `Bearer ${SUPPORT_KEY}` },
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json()) as { items?: unknown[]; total?: number };
  if (response.status !== 200 || !Array.isArray(body.items) || body.items.length !== PAGE) {
    throw new Error(`support list${query}: status ${response.status}, ${body.items?.length} items`);
  }
  return { items: body.items, total: Number(body.total) };
}

function kinds(numbers: readonly string[]): Kind[] {
  const chat = (target: Target, worker: number, turn: number) => target.chats[worker * 2 + (turn % 2)]!;
  return [
    {
      name: 'my tickets',
      async run(target, worker, turn) {
        cardOf(await chat(target, worker, turn).send('my tickets'), 'my tickets');
      },
    },
    {
      name: 'status <number>',
      async run(target, worker, turn) {
        const number = numbers[turn % numbers.length]!;
        const card = cardOf(await chat(target, worker, turn).send(`status ${number}`), 'status');
        if (!JSON.stringify(card).includes(number)) throw new Error(`status card without ${number}`);
      },
    },
    { name: 'support list', run: (target) => supportGet(target, '').then(() => {}) },
    {
      name: `support list ${FILTER_STATES.join(',')}`,
      run: (t) => supportGet(t, FILTER_QUERY).then(() => {}),
    },
  ];
}

async function drive(target: Target, kind: Kind, turns: number, into: number[]): Promise<void> {
  collectGarbage();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (next < turns) {
        if (Date.now() > DEADLINE) throw new Error('the bench ran past its time limit');
        const turn = next++;
        const t0 = process.hrtime.bigint();
        await kind.run(target, worker, turn);
        into.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  target.chats[0]!.connector.clear();
}

interface Figures {
  readonly p50: number;
  readonly p99: number;
}

function figures(latencies: number[]): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

/** A channel binding of the bench's own (not active: the app's feed leaves it alone). */
const BENCH_BINDING = 'bench-support-channel';

/** A card in the bench's channel for every open ticket, showing the ticket as it is. */
async function showEveryCard(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('support_channels')
    .values({
      id: BENCH_BINDING,
      team_id: 'bench-team',
      conversation_id: '19:bench@thread.tacv2',
      tenant_id: 'bench-tenant',
      reference: '{}',
      registered_by_id: 'bench',
      registered_at: new Date().toISOString(),
      active: 0,
    })
    .execute();
  await sql`
    insert into support_channel_cards (binding_id, ticket_id, activity_id, shown_version, updated_at)
    select ${BENCH_BINDING}, id, 'bench-card', version, updated_at from tickets where state <> 'closed'
  `.execute(db);
  await sql`update tickets set support_card_version = version where state <> 'closed'`.execute(db);
  // Every event was delivered long ago: the outbox keeps its rows, sent.
  await sql`
    insert into outbox (event_id, ticket_id, state, next_attempt_at, created_at, sent_at)
    select e.id, e.ticket_id, 'sent', e.created_at, e.created_at, e.created_at
    from ticket_events e where not exists (select 1 from outbox o where o.event_id = e.id)
  `.execute(db);
}

/** Median time of a query run straight on the store (no HTTP, no JSON), in ms. */
async function timeQuery(run: () => Promise<unknown>, times = 30): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    await run();
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return figures(latencies).p50;
}

async function explain(target: Target): Promise<void> {
  const db = target.app.store.db;
  const engine = target.app.store.engine;
  const queries = {
    'my tickets': db
      .selectFrom('tickets')
      .selectAll()
      .where('tenant_id', '=', MEASURED_TENANT)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(15),
    'support list': db
      .selectFrom('tickets')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(25),
    'support list filtered': db
      .selectFrom('tickets')
      .selectAll()
      .where('state', 'in', FILTER_STATES)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(25),
    count: db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')),
    'filtered count': db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('state', 'in', FILTER_STATES),
  };
  for (const [name, query] of Object.entries(queries)) {
    const compiled = query.compile();
    const prefix = engine === 'sqlite' ? 'explain query plan ' : 'explain (analyze, costs off) ';
    const plan = await db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
    );
    const lines = plan.rows.map((row) => String(row.detail ?? row['QUERY PLAN'] ?? JSON.stringify(row)));
    console.log(`  plan ${engine} ${name}:\n    ${lines.join('\n    ')}`);
  }
}

async function startTarget(engineName: string): Promise<Target> {
  const database = await engines.find((e) => e.name === engineName)!.create();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: database.config.dataDir,
    SUPPORT_API_KEY: SUPPORT_KEY,
    // The chat's look-up limits (a person's own guard) out of the bench's way; the limiting still runs.
    LOOKUPS_PER_USER_PER_MINUTE: '10000',
    LOOKUPS_PER_TENANT_PER_MINUTE: '100000',
    ...(database.config.engine === 'postgres' ? { DATABASE_URL: database.config.url } : {}),
  });
  // The store as configured from the environment (PostgreSQL: the default pool), on the fresh database.
  const where = (store: Config['store']) => (store.engine === 'sqlite' ? store.file : store.url);
  if (where(config.store) !== where(database.config)) {
    throw new Error('the bench database is not where the configuration points');
  }
  try {
    return { app: await startApp(config, createLogger('silent')), database, chats: [] };
  } catch (error) {
    await database.destroy();
    throw error;
  }
}

async function runEngine(engineName: string, connector: ConnectorStandIn): Promise<Array<[string, number]>> {
  const targets: Target[] = [];
  const ratios: Array<[string, number]> = [];
  const fullLabel = TICKETS >= 1000 ? `${Math.round(TICKETS / 1000)}k` : String(TICKETS);
  try {
    for (let i = 0; i < 2; i++) {
      const target = await startTarget(engineName);
      targets.push(target);
      target.chats.push(
        ...Array.from(
          { length: CONCURRENCY * 2 },
          () => new TeamsChat(target.app.url, connector, teamsUser({ tenantId: MEASURED_TENANT })),
        ),
      );
    }
    const [empty, full] = targets as [Target, Target];
    const base = baseTickets();
    await insertTickets(empty.app.store.db, base);
    await insertTickets(full.app.store.db, base);
    const seedStart = Date.now();
    const seeded = await seedFull(full.app.store.db);
    for (const target of targets) await showEveryCard(target.app.store.db);
    // What the database would have done by itself soon after: PostgreSQL's autovacuum (statistics, the
    // visibility map) and a checkpoint, SQLite's WAL checkpoint; so neither happens during the rounds.
    for (const target of targets) {
      const statements =
        engineName === 'postgres'
          ? ['vacuum analyze tickets, ticket_events, support_channel_cards, outbox', 'checkpoint']
          : ['pragma wal_checkpoint(truncate)'];
      for (const statement of statements) {
        await target.app.store.db.executeQuery(CompiledQuery.raw(statement));
      }
    }
    const seedSeconds = (Date.now() - seedStart) / 1000;

    // Both stores must answer with the same tickets, or the comparison says nothing about the store.
    const listed = async (target: Target) => {
      const card = cardOf(await target.chats[0]!.send('my tickets'), 'my tickets');
      return (
        JSON.stringify(card)
          .match(/SEC-[A-Z0-9]{4}-[A-Z0-9]{4}/g)
          ?.join() ?? ''
      );
    };
    if ((await listed(empty)) !== (await listed(full))) throw new Error('the stores list different tickets');
    const pages = await Promise.all(targets.map((t) => supportGet(t, FILTER_QUERY)));
    if (JSON.stringify(pages[0]!.items) !== JSON.stringify(pages[1]!.items)) {
      throw new Error('the support lists differ between the stores');
    }
    const all = await supportGet(full, '');
    console.log(
      `${engineName}: seeded ${seeded.tickets} tickets (${seeded.events} events) over ${TENANTS} tenants in ` +
        `${seedSeconds.toFixed(1)} s; the support list's total: ${BASE} → ${all.total}, ` +
        `${FILTER_QUERY} ${pages[0]!.total} → ${pages[1]!.total}`,
    );

    const numbers = base.map((t) => t.number);
    for (const kind of kinds(numbers)) {
      const samples: [number[], number[]] = [[], []];
      for (const target of targets) await drive(target, kind, WARMUP, []);
      for (let round = 0; round < ROUNDS; round++) {
        const share = Math.floor(TURNS / ROUNDS) + (round < TURNS % ROUNDS ? 1 : 0);
        const order = round % 2 === 0 ? [0, 1] : [1, 0];
        for (const which of order) await drive(targets[which]!, kind, share, samples[which]!);
      }
      const [e, f] = samples.map(figures) as [Figures, Figures];
      const p99Ratio = f.p99 / e.p99;
      ratios.push([`${engineName} ${kind.name}`, p99Ratio]);
      const ms = (n: number) => n.toFixed(1).padStart(5);
      console.log(
        `${engineName.padEnd(8)} ${kind.name.padEnd(24)} empty p50 ${ms(e.p50)} p99 ${ms(e.p99)} | ` +
          `${fullLabel} p50 ${ms(f.p50)} p99 ${ms(f.p99)} | ratio p50 ${(f.p50 / e.p50).toFixed(2)}× ` +
          `p99 ${p99Ratio.toFixed(2)}×`,
      );
    }

    // The support list counts every match for its total besides reading its page: each on its own.
    const page = (t: Target) => () =>
      t.app.store.db
        .selectFrom('tickets')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(PAGE)
        .execute();
    const countAll = (t: Target) => () =>
      t.app.store.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
    const countFiltered = (t: Target) => () =>
      t.app.store.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('state', 'in', FILTER_STATES)
        .executeTakeFirst();
    const timed: string[] = [];
    for (const query of [page, countAll, countFiltered]) {
      for (const target of targets) timed.push((await timeQuery(query(target))).toFixed(2));
    }
    console.log(
      `${engineName.padEnd(8)} support list queries straight on the store, p50 ms empty → ${fullLabel}: ` +
        `page ${timed[0]} → ${timed[1]}, count(*) ${timed[2]} → ${timed[3]}, ` +
        `count(*) ${FILTER_QUERY} ${timed[4]} → ${timed[5]}`,
    );
    if (EXPLAIN) await explain(full);

    // The support channel's feed claims after every commit and every poll. With every open ticket's card
    // current, a claim has nothing to do: on the full store it must cost what it costs on the empty one
    // (it joined every ticket to its card before migration 016). Ratio of the medians; the cards were
    // shown before the vacuum above.
    const claim = (t: Target) => () =>
      new SupportCards(t.app.store.db, t.app.store.engine).claim(
        BENCH_BINDING,
        'bench',
        new Date(),
        60_000,
        10,
      );
    // And the notifier's claim from the outbox, every event long sent (the rows are kept).
    const outboxClaim = (t: Target) => () =>
      new Outbox(t.app.store.db, t.app.store.engine).claim('bench', new Date(), 60_000, 10);
    for (const [label, run] of [
      ['support channel claim', claim],
      ['outbox claim', outboxClaim],
    ] as const) {
      const claims: number[] = [];
      for (const target of targets) claims.push(await timeQuery(run(target), 200));
      const claimRatio = claims[1]! / claims[0]!;
      ratios.push([`${engineName} ${label}`, claimRatio]);
      console.log(
        `${engineName.padEnd(8)} ${label}, nothing to do, straight on the store, p50 ms ` +
          `empty → ${fullLabel}: ${claims[0]!.toFixed(3)} → ${claims[1]!.toFixed(3)} (ratio ${claimRatio.toFixed(2)}×)`,
      );
    }

    const pending = await full.app.store.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(pending?.n ?? 0) > 0) throw new Error('the notifier had work during the bench');
    return ratios;
  } finally {
    for (const target of targets) {
      await target.app.stop(1000);
      await target.database.destroy();
    }
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const connector = await new ConnectorStandIn().start();
  const ratios: Array<[string, number]> = [];
  try {
    console.log(
      `store scale: ${TURNS} turns per kind and store, ${CONCURRENCY} concurrent, over HTTP on loopback; ` +
        `ms; empty = the measured tenant's ${BASE} tickets only`,
    );
    for (const engine of ENGINES) ratios.push(...(await runEngine(engine, connector)));
  } finally {
    await connector.stop();
  }
  const missed = ratios.filter(([, ratio]) => ratio > TARGET);
  const worst = Math.max(...ratios.map(([, r]) => r));
  const took = `${((Date.now() - started) / 1000).toFixed(0)} s`;
  console.log(
    missed.length === 0
      ? `every p99 ratio ≤ ${TARGET}×: yes (worst ${worst.toFixed(2)}×; ${took})`
      : `every p99 ratio ≤ ${TARGET}×: no, ${missed.map(([name, r]) => `${name} ${r.toFixed(2)}×`).join(', ')} (${took})`,
  );
  if (missed.length > 0) process.exitCode = 1;
}

// A turn that never answers would hang the run: past the deadline and a grace, give up outright.
setTimeout(
  () => {
    console.error('store scale: still running past its time limit, giving up (a bench database may remain)');
    process.exit(2);
  },
  DEADLINE - Date.now() + 60_000,
).unref();

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
