import { isRecord, readChoice, readIsoDate, readText } from './read-fields';
import { textLimits } from './text-limits';
import { outcomeKinds, type Outcome } from './ticket';
import type { TicketError } from './ticket-errors';

/** Checks and cleans an outcome; field names in errors are 'outcome.summary', 'outcome.dueBy', … */
export function readOutcome(raw: unknown, now: Date, errors: TicketError[]): Outcome | undefined {
  if (!isRecord(raw)) {
    errors.push({ key: 'ticket.field.required', field: 'outcome' });
    return undefined;
  }
  const kind = readChoice(raw.kind, 'outcome.kind', outcomeKinds, errors);
  if (!kind) return undefined;
  const summary = readText(
    raw.summary,
    'outcome.summary',
    { max: textLimits.summary, required: true },
    errors,
  );
  switch (kind) {
    case 'no_action_needed':
    case 'mitigated':
      return summary ? { kind, summary } : undefined;
    case 'change_requested': {
      const whatMustChange = readText(
        raw.whatMustChange,
        'outcome.whatMustChange',
        { max: textLimits.whatMustChange, required: true },
        errors,
      );
      const dueBy = readIsoDate(
        raw.dueBy,
        'outcome.dueBy',
        { required: true, notBefore: 'today', now },
        errors,
      );
      return summary && whatMustChange && dueBy ? { kind, summary, whatMustChange, dueBy } : undefined;
    }
    case 'offer_removed': {
      const removal = readChoice(raw.removal, 'outcome.removal', ['temporary', 'permanent'] as const, errors);
      const reason = readText(
        raw.reason,
        'outcome.reason',
        { max: textLimits.removalReason, required: true },
        errors,
      );
      const restoreSteps = readText(
        raw.restoreSteps,
        'outcome.restoreSteps',
        { max: textLimits.restoreSteps, required: false },
        errors,
      );
      if (!summary || !removal || !reason) return undefined;
      // Restore steps only make sense for a temporary removal; a permanent one keeps none.
      return {
        kind,
        summary,
        removal,
        reason,
        ...(removal === 'temporary' && restoreSteps ? { restoreSteps } : {}),
      };
    }
  }
}
