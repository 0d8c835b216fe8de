import type { NewTicketRow } from '../../../src/store/tables';

/** A valid tickets row for schema tests; override what the test is about. */
export function ticketRow(overrides: Partial<NewTicketRow> = {}): NewTicketRow {
  return {
    id: 'b0f5f3d2-5a48-4f0c-9a4e-0d3f0e1c2b01',
    confirmation_number: 'SD-7K4M-Q9PX',
    tenant_id: 'tenant-a',
    reporter_id: 'aad-user-1',
    reporter_name: 'Avery Publisher',
    locale: 'en-US',
    conversation_id: 'a:personal-1',
    category: 'vulnerability',
    title: 'SQL injection in the admin portal',
    report: JSON.stringify({ problem: 'details' }),
    state: 'submitted',
    ack_due_at: '2026-11-26T17:00:00.000Z',
    submission_key: 'submission-1',
    created_at: '2026-11-25T10:00:00.000Z',
    updated_at: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

/** An event row for a ticket that does not exist: the foreign key must refuse it. */
export const orphanEventRow = {
  id: 'orphan',
  ticket_id: 'no-such-ticket',
  seq: 1,
  type: 'submitted',
  actor_kind: 'system',
  actor_id: 'security-desk',
  payload: '{}',
  created_at: '2026-11-25T10:00:00.000Z',
} as const;
