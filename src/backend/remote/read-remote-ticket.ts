import { z } from 'zod';
import { categories, priorities, severities, ticketStates, type Ticket } from '../../domain/ticket';
import type { TicketEvent } from '../../domain/ticket';
import type { HistoryEntry } from '../ticket-backend';

/**
 * What the remote service answers is outside input: the ticket is checked for the fields the bot relies
 * on (and that it belongs to the tenant asked about) before anything is shown to a publisher.
 */
const actor = z.object({
  kind: z.enum(['publisher', 'support', 'system']),
  id: z.string(),
  name: z.string().optional(),
});

const ticketSchema = z
  .object({
    confirmationNumber: z.string().min(1).max(40),
    tenantId: z.string(),
    reporter: actor,
    category: z.enum(categories),
    report: z.object({ title: z.string() }).passthrough(),
    state: z.enum(ticketStates),
    priority: z.enum(priorities).optional(),
    severity: z.enum(severities).optional(),
    outcome: z.object({ kind: z.string(), summary: z.string() }).passthrough().optional(),
    openQuestions: z.array(z.object({ question: z.string(), askedAt: z.string(), askedBy: actor })),
    // A service that knows nothing of additions sends none: the report as filed is the whole story.
    additions: z.array(z.object({ at: z.string(), by: actor }).passthrough()).default([]),
    submittedAt: z.string(),
    ackDueAt: z.string(),
    acknowledgedAt: z.string().optional(),
    ackOverdueAt: z.string().optional(),
    closedAt: z.string().optional(),
    closeReason: z.enum(['resolved', 'duplicate', 'withdrawn']).optional(),
    updatedAt: z.string(),
    version: z.number().int().min(1),
  })
  .passthrough();

const recordSchema = z.object({
  ticket: ticketSchema,
  locale: z.string().optional(),
  timeZone: z.string().optional(),
});

const eventSchema = z.object({ type: z.string(), actor, at: z.string(), data: z.unknown() });
const historySchema = z.array(eventSchema.extend({ id: z.string(), seq: z.number().int() }));

export interface RemoteRecord {
  readonly ticket: Ticket;
  readonly locale?: string;
  readonly timeZone?: string;
}

export function readRemoteRecord(body: unknown, tenantId: string): RemoteRecord | undefined {
  const parsed = recordSchema.safeParse(body);
  if (!parsed.success || parsed.data.ticket.tenantId !== tenantId) return undefined;
  const { ticket, locale, timeZone } = parsed.data;
  return {
    ticket: ticket as unknown as Ticket,
    ...(locale ? { locale } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
}

export function readRemoteList(body: unknown, tenantId: string): RemoteRecord[] | undefined {
  const items = (body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) return undefined;
  return items
    .map((item) => readRemoteRecord(item, tenantId))
    .filter((r): r is RemoteRecord => r !== undefined);
}

export function readRemoteHistory(body: unknown): HistoryEntry[] | undefined {
  const parsed = historySchema.safeParse((body as { history?: unknown } | undefined)?.history);
  if (!parsed.success) return undefined;
  return parsed.data.map(({ id, seq, ...event }) => ({ id, seq, event: event as HistoryEntry['event'] }));
}

/** The events a command appended, as the service reports them; empty when unreadable. */
export function readRemoteEvents(body: unknown): TicketEvent[] {
  const parsed = z.array(eventSchema).safeParse((body as { events?: unknown } | undefined)?.events);
  return parsed.success ? (parsed.data as TicketEvent[]) : [];
}
