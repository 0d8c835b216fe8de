import { createTicket, type NewTicketInput, type TicketResult } from '../../../../src/domain/ticket';
import {
  dayLaterCalendar,
  fixedNumber,
  incidentInput,
  submittedAt,
  vulnerabilityInput,
} from './ticket-fixtures';

function withIncident(extra: Record<string, unknown>): NewTicketInput {
  const input = incidentInput();
  return { ...input, report: { ...input.report, incident: { ...input.report.incident!, ...extra } } };
}

function submit(input: NewTicketInput): TicketResult {
  return createTicket(input, submittedAt, fixedNumber, dayLaterCalendar);
}

describe('whether an incident involves personal data', () => {
  it.each(['yes', 'no', 'unknown'] as const)('keeps the answer "%s"', (answer) => {
    const result = submit(withIncident({ personalData: answer }));
    expect(result.ok && result.ticket.report.incident?.personalData).toBe(answer);
  });

  it.each([undefined, null, ''])('leaves it out when it was not asked (%p)', (absent) => {
    const result = submit(withIncident({ personalData: absent }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.ticket.report.incident).not.toHaveProperty('personalData');
  });

  it('refuses anything but yes, no or unknown, naming the field', () => {
    const result = submit(withIncident({ personalData: 'maybe' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([{ key: 'ticket.field.invalid', field: 'incident.personalData' }]);
    }
  });

  it('is not kept on a vulnerability, whose report has no incident block', () => {
    const input = vulnerabilityInput();
    const raw = { ...input, report: { ...input.report, incident: { personalData: 'yes' } } };
    const result = submit(raw as NewTicketInput);
    expect(result.ok && result.ticket.report.incident).toBeUndefined();
  });
});
