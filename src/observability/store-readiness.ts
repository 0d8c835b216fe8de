import { sql } from 'kysely';
import type { Store } from '../store/create-store';
import { migrations } from '../store/migrations';

/** Why the app should not be sent traffic now, or undefined when it is ready. */
export type NotReadyReason = 'shutting-down' | 'store-unreachable' | 'migrations-pending';

/** A store that does not answer within this long counts as unreachable: a probe must not hang. */
const storeTimeoutMs = 2_000;

/**
 * Whether the store answers and has every migration this build knows applied (another instance may
 * be migrating it, or a rollback left it behind). One small query: kysely's own migration table.
 */
export async function checkStoreReadiness(
  store: Store,
): Promise<{ ready: true } | { ready: false; reason: NotReadyReason; detail: string }> {
  let applied: Set<string>;
  let timer: NodeJS.Timeout | undefined;
  try {
    const rows = await Promise.race([
      sql<{ name: string }>`select name from kysely_migration`.execute(store.db),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${storeTimeoutMs} ms`)), storeTimeoutMs);
      }),
    ]);
    applied = new Set(rows.rows.map((row) => row.name));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ready: false,
      reason: 'store-unreachable',
      detail: `The ${store.engine} store does not answer: ${message}`,
    };
  } finally {
    clearTimeout(timer);
  }
  const missing = Object.keys(migrations).filter((name) => !applied.has(name));
  if (missing.length > 0) {
    return {
      ready: false,
      reason: 'migrations-pending',
      detail: `Database migrations not applied yet: ${missing.join(', ')}`,
    };
  }
  return { ready: true };
}
