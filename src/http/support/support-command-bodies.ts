import { z } from 'zod';
import { closeReasons, outcomeKinds, priorities, severities, type TicketCommand } from '../../domain/ticket';
import type { ApiProblem } from './describe-ticket-error';

/**
 * The body of each support command, checked for shape here (types, known values, no unknown fields);
 * lengths, required text and dates are the ticket domain's checks, reported the same way.
 */
const text = z.string({ error: 'must be a string' });
const reason = text.optional();

const outcome = z
  .object({
    kind: z.enum(outcomeKinds, { error: `must be one of ${outcomeKinds.join(', ')}` }),
    summary: text,
    whatMustChange: text.optional(),
    dueBy: text.optional(),
    removal: z.enum(['temporary', 'permanent'], { error: 'must be temporary or permanent' }).optional(),
    reason: text.optional(),
    restoreSteps: text.optional(),
  })
  .strict();

const priority = z.enum(priorities, { error: `must be one of ${priorities.join(', ')}` });
const severity = z.enum(severities, { error: `must be one of ${severities.join(', ')}` });

export type SupportAction =
  'acknowledge' | 'priority' | 'severity' | 'assessment' | 'questions' | 'messages' | 'outcome' | 'close';

export const supportActions: readonly SupportAction[] = [
  'acknowledge',
  'priority',
  'severity',
  'assessment',
  'questions',
  'messages',
  'outcome',
  'close',
];

const bodies = {
  acknowledge: z.object({ priority, severity }).strict(),
  priority: z.object({ priority, reason }).strict(),
  severity: z.object({ severity, reason }).strict(),
  assessment: z.object({}).strict(),
  questions: z.object({ question: text }).strict(),
  messages: z.object({ message: text }).strict(),
  outcome: z.object({ outcome }).strict(),
  close: z
    .object({
      reason: z.enum(closeReasons, { error: `must be one of ${closeReasons.join(', ')}` }).optional(),
      note: text.optional(),
      duplicateOf: text.optional(),
    })
    .strict(),
} satisfies Record<SupportAction, z.ZodType>;

/** The command a support action's body describes, or what is wrong with the body. */
export function readSupportCommand(
  action: SupportAction,
  body: unknown,
): { ok: true; command: TicketCommand } | { ok: false; problems: ApiProblem[] } {
  const parsed = bodies[action].safeParse(body ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        field:
          [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys.join(',')] : [])]
            .map(String)
            .join('.') || '(body)',
        message: issue.message,
      })),
    };
  }
  return { ok: true, command: toCommand(action, parsed.data) };
}

function toCommand(action: SupportAction, data: Record<string, unknown>): TicketCommand {
  switch (action) {
    case 'acknowledge':
      return { type: 'acknowledge', ...data } as TicketCommand;
    case 'priority':
      return { type: 'change_priority', ...data } as TicketCommand;
    case 'severity':
      return { type: 'change_severity', ...data } as TicketCommand;
    case 'assessment':
      return { type: 'start_assessment' };
    case 'questions':
      return { type: 'ask_question', ...data } as TicketCommand;
    case 'messages':
      return { type: 'post_message', ...data } as TicketCommand;
    case 'outcome':
      return { type: 'set_outcome', ...data } as TicketCommand;
    case 'close':
      return { type: 'close', ...data } as TicketCommand;
  }
}
