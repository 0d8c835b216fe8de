import { isRecord, readChoice, readText } from './read-fields';
import { textLimits } from './text-limits';
import type { Actor, ActorKind } from './ticket';
import type { TicketError } from './ticket-errors';

const actorKinds: readonly ActorKind[] = ['publisher', 'support', 'system'];

/** The actor as it will be stored in the history: kind, id and an optional display name. */
export function readActor(raw: unknown, field: string, errors: TicketError[]): Actor | undefined {
  const entry = isRecord(raw) ? raw : {};
  const before = errors.length;
  const kind = readChoice(entry.kind, `${field}.kind`, actorKinds, errors);
  const id = readText(
    entry.id,
    `${field}.id`,
    { max: textLimits.actorId, required: true, singleLine: true },
    errors,
  );
  const name = readText(
    entry.name,
    `${field}.name`,
    { max: textLimits.actorName, required: false, singleLine: true },
    errors,
  );
  if (errors.length > before || !kind || !id) return undefined;
  return { kind, id, ...(name ? { name } : {}) };
}
