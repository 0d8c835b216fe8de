import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './tables';

/** Stands in for argument i while the query is compiled; never sent to a database. */
const placeholder = (index: number) => `\u0000compile-once-argument-${index}\u0000`;

interface Compiled {
  readonly sql: string;
  /** Per bound parameter: which argument goes there, or the constant the builder put there. */
  readonly slots: ReadonlyArray<{ readonly argument: number } | { readonly constant: unknown }>;
}

/**
 * A query of fixed shape that Kysely builds and compiles once per dialect, then runs
 * with each call's values bound to the same SQL. Building and compiling took ~150 µs for an upsert,
 * on every turn (docs/decisions/turn-performance.md). `build` must use its arguments only as values
 * (never in `if`, never as identifiers or list lengths): an argument that does not come out as a bound
 * parameter (one or more times) is refused at the first call. A transaction's executor shares its
 * database's dialect adapter, so a query run inside transactions is compiled once too; an executor
 * with plugins (which may rewrite the SQL) keeps its own.
 */
export function compileOnce<Args extends unknown[], Row = unknown>(
  arity: Args['length'],
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Database>, ...args: Args) => Promise<QueryResult<Row>> {
  const byExecutor = new WeakMap<object, Compiled>();
  const keyOf = (db: Kysely<Database>): object => {
    const executor = db.getExecutor();
    return executor.plugins.length === 0 ? executor.adapter : db;
  };
  const compile = (db: Kysely<Database>): Compiled => {
    const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i)) as Args;
    const { sql, parameters } = build(db, ...placeholders).compile();
    const slots = parameters.map((value) => {
      const argument = typeof value === 'string' ? placeholders.indexOf(value) : -1;
      return argument >= 0 ? { argument } : { constant: value };
    });
    const used = slots.filter((slot) => 'argument' in slot).map((slot) => slot.argument);
    if (sql.includes('\u0000') || new Set(used).size !== arity)
      throw new Error(
        `compileOnce: every argument must be bound as a value (${sql.split('\u0000').join('')})`,
      );
    return { sql, slots };
  };
  return async (db, ...args) => {
    const key = keyOf(db);
    let compiled = byExecutor.get(key);
    if (!compiled) {
      compiled = compile(db);
      byExecutor.set(key, compiled);
    }
    const parameters = compiled.slots.map((slot) =>
      'argument' in slot ? args[slot.argument] : slot.constant,
    );
    return db.executeQuery(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<Row>);
  };
}
