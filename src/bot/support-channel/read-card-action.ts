import type { TicketCommand, TicketCommandType, TicketError } from '../../domain/ticket';
import type { Translator } from '../../i18n/translate';
import { triageFormKeys, type TriageFormKey } from './render-triage-card';

/** The Action.Execute verbs of cards/support-triage.json, and the command each runs. */
export const triageVerbs = {
  'support.acknowledge': 'acknowledge',
  'support.change_priority': 'change_priority',
  'support.change_severity': 'change_severity',
  'support.start_assessment': 'start_assessment',
  'support.ask_question': 'ask_question',
  'support.post_message': 'post_message',
  'support.set_outcome': 'set_outcome',
  'support.close': 'close',
} as const;
export type TriageVerb = keyof typeof triageVerbs;

export function isTriageVerb(verb: string): verb is TriageVerb {
  return Object.prototype.hasOwnProperty.call(triageVerbs, verb);
}

export interface CardAction {
  readonly number: string;
  /** The ticket version the card showed when the button was pressed. */
  readonly version: number;
  readonly command: TicketCommand;
  /** What was typed in the card's inputs, to show again if the command is refused. */
  readonly form: Partial<Record<TriageFormKey, string>>;
}

/** Anything longer is cut before the domain sees it; the domain's own limits are far below. */
const maxInputLength = 10_000;

/**
 * An Action.Execute press → the command to run. Shape only: the ticket domain checks every value (choices,
 * lengths, dates) and says which field is at fault.
 */
export function readCardAction(verb: TriageVerb, data: unknown): CardAction | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const raw = data as Record<string, unknown>;
  const number = typeof raw.ticket === 'string' ? raw.ticket.slice(0, 40) : undefined;
  const version =
    typeof raw.version === 'number'
      ? raw.version
      : typeof raw.version === 'string'
        ? Number(raw.version)
        : NaN;
  if (!number || !Number.isSafeInteger(version) || version < 1) return undefined;
  const form: Partial<Record<TriageFormKey, string>> = {};
  for (const key of triageFormKeys) {
    const value = raw[key];
    if (typeof value === 'string' && value.trim() !== '') form[key] = value.slice(0, maxInputLength);
  }
  return { number, version, command: commandFor(triageVerbs[verb], form), form };
}

function commandFor(
  type: (typeof triageVerbs)[TriageVerb],
  form: Partial<Record<TriageFormKey, string>>,
): TicketCommand {
  // Values are typed loosely here on purpose: applyCommand checks them again at run time.
  switch (type) {
    case 'acknowledge':
      return { type, priority: form.ackPriority, severity: form.ackSeverity } as unknown as TicketCommand;
    case 'change_priority':
      return {
        type,
        priority: form.newPriority,
        ...(form.priorityReason ? { reason: form.priorityReason } : {}),
      } as unknown as TicketCommand;
    case 'change_severity':
      return {
        type,
        severity: form.newSeverity,
        ...(form.severityReason ? { reason: form.severityReason } : {}),
      } as unknown as TicketCommand;
    case 'start_assessment':
      return { type };
    case 'ask_question':
      return { type, question: form.question ?? '' };
    case 'post_message':
      return { type, message: form.message ?? '' };
    case 'set_outcome':
      return {
        type,
        outcome: {
          kind: form.outcomeKind,
          summary: form.summary ?? '',
          ...(form.whatMustChange ? { whatMustChange: form.whatMustChange } : {}),
          ...(form.dueBy ? { dueBy: form.dueBy } : {}),
          ...(form.removal ? { removal: form.removal } : {}),
          ...(form.removalReason ? { reason: form.removalReason } : {}),
          ...(form.restoreSteps ? { restoreSteps: form.restoreSteps } : {}),
        },
      } as unknown as TicketCommand;
    case 'close':
      return {
        type,
        ...(form.closeReason ? { reason: form.closeReason } : {}),
        ...(form.note ? { note: form.note } : {}),
        ...(form.duplicateOf ? { duplicateOf: form.duplicateOf } : {}),
      } as unknown as TicketCommand;
  }
}

/** The domain's field names → the card's input ids; a few names mean another input per command. */
const inputOf: Readonly<Record<string, TriageFormKey>> = {
  priority: 'ackPriority',
  severity: 'ackSeverity',
  question: 'question',
  message: 'message',
  outcome: 'outcomeKind',
  'outcome.kind': 'outcomeKind',
  'outcome.summary': 'summary',
  'outcome.whatMustChange': 'whatMustChange',
  'outcome.dueBy': 'dueBy',
  'outcome.removal': 'removal',
  'outcome.reason': 'removalReason',
  'outcome.restoreSteps': 'restoreSteps',
  reason: 'closeReason',
  note: 'note',
  duplicateOf: 'duplicateOf',
};
const inputOfCommand: Partial<Record<TicketCommandType, Readonly<Record<string, TriageFormKey>>>> = {
  change_priority: { priority: 'newPriority', reason: 'priorityReason' },
  change_severity: { severity: 'newSeverity', reason: 'severityReason' },
};

/** Field errors of one command as messages next to the card's inputs; errors about no field are left out. */
export function fieldErrors(
  command: TicketCommandType,
  errors: readonly TicketError[],
  t: Translator,
): Partial<Record<TriageFormKey, string>> {
  const out: Partial<Record<TriageFormKey, string>> = {};
  for (const error of errors) {
    if (!('field' in error)) continue;
    const input = inputOfCommand[command]?.[error.field] ?? inputOf[error.field];
    if (!input || out[input]) continue;
    const name = error.key.split('.').pop() ?? 'invalid';
    out[input] = t(
      `supportChannel.error.${name}`,
      'max' in error ? { max: error.max, length: 'length' in error ? (error.length ?? '') : '' } : {},
    );
  }
  return out;
}
