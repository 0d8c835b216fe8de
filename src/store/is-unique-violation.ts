/** Which unique constraint an error names, when a caller needs to tell two of them apart. */
export interface UniqueTarget {
  readonly table: string;
  /** The constraint's columns, in the order the constraint declares them. */
  readonly columns: readonly string[];
}

const SQLITE_UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const PG_UNIQUE_VIOLATION = '23505';

/**
 * True when `err` is a unique or primary-key violation from better-sqlite3 or pg. With `target`, only
 * when the violated constraint is on exactly that table and those columns (e.g. tell a duplicate
 * confirmation number from a repeated submission key).
 */
export function isUniqueViolation(err: unknown, target?: UniqueTarget): boolean {
  const violated = violatedConstraint(err);
  if (!violated) return false;
  if (!target) return true;
  return (
    violated.table === target.table &&
    violated.columns.length === target.columns.length &&
    violated.columns.every((column, i) => column === target.columns[i])
  );
}

function violatedConstraint(err: unknown): UniqueTarget | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, message, table, detail } = err as Record<string, unknown>;
  if (typeof code !== 'string') return undefined;

  if (SQLITE_UNIQUE_CODES.has(code) && typeof message === 'string') {
    // "UNIQUE constraint failed: tickets.tenant_id, tickets.submission_key"
    const columns = /constraint failed: (.+)$/.exec(message)?.[1]?.split(', ') ?? [];
    const tables = new Set(columns.map((c) => c.slice(0, c.lastIndexOf('.'))));
    return {
      table: tables.size === 1 ? ([...tables][0] ?? '') : '',
      columns: columns.map((c) => c.slice(c.lastIndexOf('.') + 1)),
    };
  }
  if (code === PG_UNIQUE_VIOLATION) {
    // detail: "Key (tenant_id, submission_key)=(t1, k1) already exists."
    const columns =
      typeof detail === 'string' ? /^Key \(([^)]*)\)=/.exec(detail)?.[1]?.split(', ') : undefined;
    return {
      table: typeof table === 'string' ? table : '',
      columns: (columns ?? []).map((c) => c.replace(/^"|"$/g, '')),
    };
  }
  return undefined;
}
