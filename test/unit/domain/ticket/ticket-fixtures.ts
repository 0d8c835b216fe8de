import {
  applyCommand,
  createTicket,
  type Actor,
  type NewTicketInput,
  type Ticket,
  type TicketCommand,
  type TicketState,
} from '../../../../src/domain/ticket';

export const submittedAt = new Date('2026-06-10T16:00:00.000Z');
/** A calendar stand-in: due 24 hours later, enough for the ticket rules (the real one has its own tests). */
export const dayLaterCalendar = { ackDueAt: (at: Date) => new Date(at.getTime() + 86_400_000) };
export const fixedNumber = () => 'SEC-7K3M-9QXD';

export const publisher: Actor = { kind: 'publisher', id: 'aad-publisher-1', name: 'Pat Publisher' };
export const analyst: Actor = { kind: 'support', id: 'aad-analyst-1', name: 'Sam Support' };
export const system: Actor = { kind: 'system', id: 'ack-overdue-job' };

export function vulnerabilityInput(): NewTicketInput {
  return {
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    reporter: { id: 'aad-publisher-1', name: 'Pat Publisher' },
    category: 'vulnerability',
    report: {
      title: 'SQL injection in the admin console',
      offers: [{ name: 'Contoso WAF', offerId: 'contoso.contoso-waf' }],
      description: 'The search box of the admin console passes input to SQL unescaped.',
      discoveredOn: '2026-06-09',
      knownExploited: 'no',
      vulnerability: {
        cveIds: ['CVE-2026-12345'],
        cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 },
      },
      fix: { kind: 'full', remediationSteps: 'Upgrade to 2.4.1.' },
    },
  };
}

export function incidentInput(): NewTicketInput {
  return {
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    reporter: { id: 'aad-publisher-1' },
    category: 'incident',
    report: {
      title: 'Leaked storage key',
      offers: [{ name: 'Contoso Backup', offerId: 'contoso.backup' }],
      description: 'A storage account key was committed to a public repository.',
      knownExploited: 'unknown',
      incident: { dataOrSystems: 'Customer backup blobs', startedOn: '2026-06-08', ongoing: 'no' },
      fix: { kind: 'none' },
    },
  };
}

export function submittedTicket(): Ticket {
  const result = createTicket(vulnerabilityInput(), submittedAt, fixedNumber, dayLaterCalendar);
  if (!result.ok) throw new Error(`fixture report is invalid: ${JSON.stringify(result.errors)}`);
  return result.ticket;
}

const later = (minutes: number) => new Date(submittedAt.getTime() + minutes * 60_000);

/** The legal road to each state, so every test ticket got where it is the way a real one would. */
const roads: Record<TicketState, readonly [TicketCommand, Actor][]> = {
  submitted: [],
  acknowledged: [[{ type: 'acknowledge', priority: 'P2', severity: 'High' }, analyst]],
  in_assessment: [
    [{ type: 'acknowledge', priority: 'P2', severity: 'High' }, analyst],
    [{ type: 'start_assessment' }, analyst],
  ],
  awaiting_publisher: [
    [{ type: 'acknowledge', priority: 'P2', severity: 'High' }, analyst],
    [{ type: 'ask_question', question: 'Which versions are affected?' }, analyst],
  ],
  outcome: [
    [{ type: 'acknowledge', priority: 'P2', severity: 'High' }, analyst],
    [{ type: 'set_outcome', outcome: { kind: 'mitigated', summary: 'Patched and verified.' } }, analyst],
  ],
  closed: [
    [{ type: 'acknowledge', priority: 'P2', severity: 'High' }, analyst],
    [{ type: 'set_outcome', outcome: { kind: 'mitigated', summary: 'Patched and verified.' } }, analyst],
    [{ type: 'close' }, analyst],
  ],
};

export function ticketIn(state: TicketState): Ticket {
  let ticket = submittedTicket();
  roads[state].forEach(([command, actor], i) => {
    const result = applyCommand(ticket, command, actor, later(10 * (i + 1)));
    if (!result.ok) throw new Error(`cannot reach ${state}: ${JSON.stringify(result.error)}`);
    ticket = result.ticket;
  });
  expect(ticket.state).toBe(state);
  return ticket;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
