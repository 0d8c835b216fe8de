import type { Kysely } from 'kysely';
import type { Database } from '../../../src/store/tables';

/** Every table a request could write, whole: a refused request must leave all of them as they were. */
const tables = [
  'bot_state',
  'conversation_references',
  'tickets',
  'ticket_events',
  'outbox',
  'idempotency_keys',
  'publisher_cards',
  'support_channel_cards',
] as const;

export type StoreSnapshot = Record<(typeof tables)[number], unknown[]>;

/**
 * Every row of those tables; of the outbox only which rows exist, since the delivery engine works
 * earlier rows on while a test runs (their state is its business, not the refused request's).
 */
export async function snapshotStore(db: Kysely<Database>): Promise<StoreSnapshot> {
  const entries = await Promise.all(
    tables.map(async (table) => {
      const rows =
        table === 'outbox'
          ? await db.selectFrom('outbox').select(['id', 'event_id', 'ticket_id']).orderBy('id').execute()
          : await db.selectFrom(table).selectAll().execute();
      return [table, rows] as const;
    }),
  );
  return Object.fromEntries(entries) as StoreSnapshot;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** A POST with a JSON body (an object, or a string sent as is), answered with status, headers and body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Resolves when `predicate` holds, checking every 20 ms; fails after `timeoutMs`. */
export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
