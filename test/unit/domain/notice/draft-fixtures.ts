import {
  applyCommand,
  createTicket,
  type Actor,
  type NewTicketInput,
  type Outcome,
  type Ticket,
  type TicketCommand,
  type TicketReport,
} from '../../../../src/domain/ticket';
import { analyst, dayLaterCalendar, fixedNumber, publisher, submittedAt } from '../ticket/ticket-fixtures';

/** The four fix situations a draft must tell apart. */
export const fixStatuses = ['full', 'partial', 'none', 'none, no fix planned'] as const;
export type FixStatus = (typeof fixStatuses)[number];

export const draftedAt = new Date('2026-06-11T09:30:00.000Z');

const later = (minutes: number) => new Date(submittedAt.getTime() + minutes * 60_000);

function fixFor(status: FixStatus): TicketReport['fix'] {
  switch (status) {
    case 'full':
      return { kind: 'full', remediationSteps: 'Upgrade to 2.4.1.\nRestart the gateway.' };
    case 'partial':
      return { kind: 'partial', remediationSteps: 'Disable the export API in Settings > Integrations.' };
    case 'none':
      return { kind: 'none', expectedOn: '2026-07-01' };
    case 'none, no fix planned':
      return { kind: 'none' };
  }
}

export function vulnerabilityReport(fix: FixStatus = 'full'): TicketReport {
  return {
    title: 'SQL injection in the admin console',
    offers: [
      { name: 'Contoso WAF', offerId: 'contoso.contoso-waf' },
      { name: 'Contoso WAF Pro', offerId: 'contoso.contoso-waf-pro' },
    ],
    description: "The search box of the admin console passes input to SQL unescaped: ' OR 1=1 --",
    discoveredOn: '2026-06-09',
    knownExploited: 'no',
    affected: 'All customers on versions 2.0 to 2.4.0.',
    vulnerability: {
      cveIds: ['CVE-2026-12345'],
      cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 },
    },
    fix: fixFor(fix),
  };
}

export function incidentReport(fix: FixStatus = 'none'): TicketReport {
  return {
    title: 'Leaked storage key',
    offers: [{ name: 'Contoso Backup', offerId: 'contoso.backup' }],
    description: 'A storage account key was committed to a public repository.',
    discoveredOn: '2026-06-09',
    knownExploited: 'unknown',
    affected: 'About 40 customers in West Europe.',
    incident: {
      dataOrSystems: 'Customer backup blobs with names and email addresses',
      startedOn: '2026-06-08',
      ongoing: 'no',
      personalData: 'yes',
    },
    fix: fixFor(fix),
  };
}

function run(ticket: Ticket, steps: readonly [TicketCommand, Actor][]): Ticket {
  let current = ticket;
  steps.forEach(([command, actor], i) => {
    const result = applyCommand(current, command, actor, later(10 * (i + 1)));
    if (!result.ok)
      throw new Error(`fixture command ${command.type} refused: ${JSON.stringify(result.error)}`);
    current = result.ticket;
  });
  return current;
}

export function fileTicket(category: NewTicketInput['category'], report: TicketReport): Ticket {
  const input: NewTicketInput = {
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    reporter: { id: publisher.id, name: publisher.name ?? 'Pat Publisher' },
    category,
    report,
  };
  const result = createTicket(input, submittedAt, fixedNumber, dayLaterCalendar);
  if (!result.ok) throw new Error(`fixture report is invalid: ${JSON.stringify(result.errors)}`);
  return result.ticket;
}

/** Support's answer that no fix will come: the offer removed for good, or nothing to be done. */
const noFixOutcome: Record<NewTicketInput['category'], Outcome> = {
  vulnerability: {
    kind: 'offer_removed',
    summary: 'The offer is end of life.',
    removal: 'permanent',
    reason: 'Unpatched critical vulnerability in an end-of-life offer.',
  },
  incident: { kind: 'no_action_needed', summary: 'The key was rotated; nothing else to do.' },
};

/**
 * A ticket in the fix situation asked for, acknowledged by support (so it has support's severity)
 * unless `acknowledged` is false; "no fix planned" also carries the outcome that says so.
 */
export function ticketWith(
  category: NewTicketInput['category'],
  fix: FixStatus,
  options: { acknowledged?: boolean; report?: Partial<TicketReport> } = {},
): Ticket {
  const base = category === 'vulnerability' ? vulnerabilityReport(fix) : incidentReport(fix);
  const ticket = fileTicket(category, { ...base, ...options.report });
  if (options.acknowledged === false) return ticket;
  const steps: [TicketCommand, Actor][] = [
    [{ type: 'acknowledge', priority: 'P2', severity: 'High' }, analyst],
  ];
  if (fix === 'none, no fix planned')
    steps.push([{ type: 'set_outcome', outcome: noFixOutcome[category] }, analyst]);
  return run(ticket, steps);
}

export function withCommands(ticket: Ticket, ...commands: [TicketCommand, Actor][]): Ticket {
  return run(ticket, commands);
}
