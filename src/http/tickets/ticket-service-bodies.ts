import { z } from 'zod';
import { categories } from '../../domain/ticket';

/**
 * Bodies of the publisher-side ticket API (what a remote adapter sends). Shapes only: the ticket domain
 * checks the report itself, field by field.
 */
const text = z.string({ error: 'must be a string' });
const person = z.object({ id: text, name: text.optional() }).strict();

export const newTicketBody = z
  .object({
    tenantId: text,
    reporter: person,
    locale: text.optional(),
    conversationId: text.optional(),
    timeZone: text.optional(),
    category: z.enum(categories, { error: `must be one of ${categories.join(', ')}` }),
    report: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
    /** The number the caller already gave its publisher; used when free. */
    proposedConfirmationNumber: text.optional(),
  })
  .strict();

export const publisherCommandBody = z
  .object({
    tenantId: text,
    actor: person,
    command: z.discriminatedUnion(
      'type',
      [
        z.object({ type: z.literal('post_message'), message: text }).strict(),
        z.object({ type: z.literal('answer_question'), answer: text }).strict(),
      ],
      { error: 'must be a post_message or answer_question command' },
    ),
  })
  .strict();

export function zodProblems(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field:
      [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys.join(',')] : [])]
        .map(String)
        .join('.') || '(body)',
    message: issue.message,
  }));
}
