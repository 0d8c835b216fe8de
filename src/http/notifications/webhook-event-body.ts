import { z } from 'zod';
import { closeReasons, priorities, severities, textLimits, type TicketEvent } from '../../domain/ticket';

/**
 * The body of POST /api/notifications (docs/openapi.json, WebhookEvent): one event of a ticket's history
 * as the remote ticket service recorded it. `eventId` makes redelivery idempotent. A ticket's events must
 * arrive in the order they happened (the service retries one before sending the next).
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const isoTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const priority = z.enum(priorities);
const severity = z.enum(severities);

const outcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no_action_needed'), summary: text(textLimits.summary) }),
  z.object({ kind: z.literal('mitigated'), summary: text(textLimits.summary) }),
  z.object({
    kind: z.literal('change_requested'),
    summary: text(textLimits.summary),
    whatMustChange: text(textLimits.whatMustChange),
    dueBy: isoDate,
  }),
  z.object({
    kind: z.literal('offer_removed'),
    summary: text(textLimits.summary),
    removal: z.enum(['temporary', 'permanent']),
    reason: text(textLimits.removalReason),
    restoreSteps: optionalText(textLimits.restoreSteps),
  }),
]);

const typed = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('submitted'),
    data: z.object({
      confirmationNumber: text(40),
      category: z.enum(['incident', 'vulnerability']),
      title: text(textLimits.title),
      ackDueAt: isoTime,
    }),
  }),
  z.object({
    type: z.literal('acknowledged'),
    data: z.object({ priority, severity, late: z.boolean() }),
  }),
  z.object({
    type: z.literal('priority_changed'),
    data: z.object({ from: priority, to: priority, reason: optionalText(textLimits.changeReason) }),
  }),
  z.object({
    type: z.literal('severity_changed'),
    data: z.object({ from: severity, to: severity, reason: optionalText(textLimits.changeReason) }),
  }),
  z.object({ type: z.literal('question_asked'), data: z.object({ question: text(textLimits.question) }) }),
  z.object({ type: z.literal('question_answered'), data: z.object({ answer: text(textLimits.answer) }) }),
  z.object({ type: z.literal('message_posted'), data: z.object({ message: text(textLimits.message) }) }),
  z.object({ type: z.literal('assessment_started'), data: z.object({ reopened: z.boolean() }) }),
  z.object({ type: z.literal('outcome_set'), data: z.object({ outcome }) }),
  z.object({
    type: z.literal('closed'),
    data: z.object({
      reason: z.enum(closeReasons),
      note: optionalText(textLimits.note),
      duplicateOf: optionalText(40),
    }),
  }),
  z.object({ type: z.literal('ack_overdue'), data: z.object({ dueAt: isoTime }) }),
]);

const envelope = z.object({
  eventId: z.uuid(),
  confirmationNumber: text(40),
  actor: z.object({
    kind: z.enum(['publisher', 'support', 'system']),
    id: text(textLimits.actorId),
    name: optionalText(textLimits.actorName),
  }),
  at: isoTime,
});

export interface WebhookEvent {
  readonly eventId: string;
  readonly confirmationNumber: string;
  readonly event: TicketEvent;
}

export type WebhookBodyResult =
  | { readonly ok: true; readonly value: WebhookEvent }
  | { readonly ok: false; readonly problems: ReadonlyArray<{ field: string; message: string }> };

export function readWebhookEventBody(body: unknown): WebhookBodyResult {
  const head = envelope.safeParse(body);
  const tail = typed.safeParse(body);
  if (!head.success || !tail.success) {
    const issues = [...(head.success ? [] : head.error.issues), ...(tail.success ? [] : tail.error.issues)];
    return {
      ok: false,
      problems: issues
        .slice(0, 20)
        .map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message })),
    };
  }
  const { eventId, confirmationNumber, actor, at } = head.data;
  const event = {
    type: tail.data.type,
    actor: { kind: actor.kind, id: actor.id, ...(actor.name ? { name: actor.name } : {}) },
    at: new Date(at).toISOString(),
    data: withoutUndefined(tail.data.data),
  } as TicketEvent;
  return { ok: true, value: { eventId, confirmationNumber, event } };
}

function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
