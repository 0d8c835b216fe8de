import { z } from 'zod';
import type { SupportTicketFilter } from '../../backend/support-port';
import { maxPageSize } from '../../backend/support-port';
import { categories, severities, ticketStates } from '../../domain/ticket';
import type { ApiProblem } from './describe-ticket-error';
import { decodeTicketListCursor } from '../../backend/ticket-list-cursor';

/** A comma-separated list or a repeated parameter: ?state=submitted,acknowledged or ?state=a&state=b. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values, { error: `must be among ${values.join(', ')}` })).optional();

const querySchema = z
  .object({
    state: listOf(ticketStates),
    severity: listOf(severities),
    category: listOf(categories),
    overdue: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    limit: z.coerce
      .number({ error: `must be a whole number from 1 to ${maxPageSize}` })
      .int({ error: `must be a whole number from 1 to ${maxPageSize}` })
      .min(1, { error: `must be a whole number from 1 to ${maxPageSize}` })
      .max(maxPageSize, { error: `must be a whole number from 1 to ${maxPageSize}` })
      .optional(),
    offset: z.coerce
      .number({ error: 'must be a whole number, 0 or more' })
      .int({ error: 'must be a whole number, 0 or more' })
      .min(0, { error: 'must be a whole number, 0 or more' })
      .max(1_000_000, { error: 'must be at most 1000000' })
      .optional(),
    cursor: z.string().optional(),
  })
  .strict();

const listKeys = new Set(['state', 'severity', 'category']);

/** The list filter from the query string, or the parameters at fault. */
export function readTicketListQuery(
  search: URLSearchParams,
): { ok: true; filter: SupportTicketFilter } | { ok: false; problems: ApiProblem[] } {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    raw[key] = listKeys.has(key)
      ? values
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter(Boolean)
      : values[values.length - 1];
  }
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        field: issue.code === 'unrecognized_keys' ? issue.keys.join(',') : String(issue.path[0] ?? '(query)'),
        message: issue.message,
      })),
    };
  }
  const q = parsed.data;
  const after = q.cursor === undefined ? undefined : decodeTicketListCursor(q.cursor);
  if (q.cursor !== undefined && !after) {
    return {
      ok: false,
      problems: [
        { field: 'cursor', message: 'is not a cursor this API gave out (use the next link as it is)' },
      ],
    };
  }
  if (after && q.offset !== undefined) {
    return { ok: false, problems: [{ field: 'offset', message: 'cannot be combined with cursor' }] };
  }
  return {
    ok: true,
    filter: {
      ...(q.state?.length ? { states: q.state } : {}),
      ...(q.severity?.length ? { severities: q.severity } : {}),
      ...(q.category?.length ? { categories: q.category } : {}),
      ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
      ...(q.offset !== undefined ? { offset: q.offset } : {}),
      ...(after ? { after } : {}),
    },
  };
}
