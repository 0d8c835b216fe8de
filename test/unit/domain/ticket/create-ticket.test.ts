import {
  createTicket,
  textLimits,
  type NewTicketInput,
  type TicketResult,
} from '../../../../src/domain/ticket';
import { createSupportCalendar } from '../../../../src/domain/calendar';
import {
  dayLaterCalendar,
  deepFreeze,
  fixedNumber,
  incidentInput,
  submittedAt,
  vulnerabilityInput,
} from './ticket-fixtures';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
const mutable = <T>(value: T): Mutable<T> => JSON.parse(JSON.stringify(value)) as Mutable<T>;

function submit(input: unknown, now = submittedAt): TicketResult {
  return createTicket(input as NewTicketInput, now, fixedNumber, dayLaterCalendar);
}

function errorsOf(result: TicketResult) {
  if (result.ok) throw new Error('expected the report to be refused');
  return result.errors;
}

describe('submitting a report', () => {
  it('files a vulnerability as a submitted ticket with its confirmation number and due time', () => {
    const result = submit(deepFreeze(vulnerabilityInput()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ticket).toMatchObject({
      confirmationNumber: 'SEC-7K3M-9QXD',
      state: 'submitted',
      category: 'vulnerability',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      reporter: { kind: 'publisher', id: 'aad-publisher-1', name: 'Pat Publisher' },
      submittedAt: '2026-06-10T16:00:00.000Z',
      ackDueAt: '2026-06-11T16:00:00.000Z',
      openQuestions: [],
      additions: [],
      version: 1,
    });
    expect(result.ticket.priority).toBeUndefined();
    expect(result.events).toEqual([
      {
        type: 'submitted',
        actor: { kind: 'publisher', id: 'aad-publisher-1', name: 'Pat Publisher' },
        at: '2026-06-10T16:00:00.000Z',
        data: {
          confirmationNumber: 'SEC-7K3M-9QXD',
          category: 'vulnerability',
          title: 'SQL injection in the admin console',
          ackDueAt: '2026-06-11T16:00:00.000Z',
        },
      },
    ]);
  });

  it('takes the acknowledgement due time from the support calendar', () => {
    const calendar = createSupportCalendar({
      timeZone: 'America/Los_Angeles',
      workdays: [1, 2, 3, 4, 5],
      dayStart: '09:00',
      dayEnd: '17:00',
      holidays: { country: 'US' },
    });
    // Friday 12 June 2026, 15:00 in Los Angeles → Monday 15:00.
    const result = createTicket(
      vulnerabilityInput(),
      new Date('2026-06-12T22:00:00Z'),
      fixedNumber,
      calendar,
    );
    expect(result.ok && result.ticket.ackDueAt).toBe('2026-06-15T22:00:00.000Z');
  });

  it('files an incident and keeps only the incident details', () => {
    const input = mutable(incidentInput());
    (input.report as Record<string, unknown>).vulnerability = { cveIds: ['CVE-2026-1111'] };
    const result = submit(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ticket.report.incident).toEqual({
      dataOrSystems: 'Customer backup blobs',
      startedOn: '2026-06-08',
      ongoing: 'no',
    });
    expect(result.ticket.report.vulnerability).toBeUndefined();
    expect(result.ticket.report.fix).toEqual({ kind: 'none' });
  });

  it('stores cleaned text: trimmed, LF line ends, no invisible control or bidi characters', () => {
    const input = mutable(vulnerabilityInput());
    input.report.title = '  SQL\tinjection \n in the\u0000 admin console  ';
    input.report.description = '\r\nLine one\u202E\r\nLine two   \r\n';
    const result = submit(input);
    expect(result.ok && result.ticket.report.title).toBe('SQL injection in the admin console');
    expect(result.ok && result.ticket.report.description).toBe('Line one\nLine two');
  });

  it('upper-cases and de-duplicates CVE ids', () => {
    const input = mutable(vulnerabilityInput());
    input.report.vulnerability!.cveIds = ['cve-2026-12345', 'CVE-2026-12345', ' CVE-2021-44228 '];
    const result = submit(input);
    expect(result.ok && result.ticket.report.vulnerability?.cveIds).toEqual([
      'CVE-2026-12345',
      'CVE-2021-44228',
    ]);
  });

  it('accepts a vulnerability with only a CVE id or only a CVSS rating', () => {
    const cveOnly = mutable(vulnerabilityInput());
    delete cveOnly.report.vulnerability!.cvss;
    expect(submit(cveOnly).ok).toBe(true);
    const cvssOnly = mutable(vulnerabilityInput());
    cvssOnly.report.vulnerability!.cveIds = [];
    expect(submit(cvssOnly).ok).toBe(true);
  });

  it('refuses a vulnerability with neither a CVE id nor a CVSS rating', () => {
    const input = mutable(vulnerabilityInput());
    input.report.vulnerability = { cveIds: [] };
    expect(errorsOf(submit(input))).toEqual([
      { key: 'ticket.field.required', field: 'vulnerability.cveOrCvss' },
    ]);
  });

  it('says every problem of the form at once, each with its field', () => {
    const input = mutable(vulnerabilityInput());
    input.report.title = '   ';
    input.report.description = 'x'.repeat(textLimits.description + 1);
    input.report.offers = [{ name: 'Contoso WAF', offerId: 'not an id!' }];
    input.report.fix = { kind: 'partial', remediationSteps: '' };
    (input.report as Record<string, unknown>).knownExploited = 'maybe';
    expect(errorsOf(submit(input))).toEqual([
      { key: 'ticket.field.required', field: 'title' },
      { key: 'ticket.field.invalid', field: 'offers.0.offerId' },
      {
        key: 'ticket.field.tooLong',
        field: 'description',
        max: textLimits.description,
        length: textLimits.description + 1,
      },
      { key: 'ticket.field.invalid', field: 'knownExploited' },
      { key: 'ticket.field.required', field: 'fix.remediationSteps' },
    ]);
  });

  it('counts the length limit in characters, so Cyrillic and emoji get the same room as Latin', () => {
    const input = mutable(vulnerabilityInput());
    input.report.title = '🔥'.repeat(textLimits.title);
    expect(submit(input).ok).toBe(true);
    input.report.title = 'Ж'.repeat(textLimits.title + 1);
    expect(errorsOf(submit(input))).toEqual([
      { key: 'ticket.field.tooLong', field: 'title', max: textLimits.title, length: textLimits.title + 1 },
    ]);
  });

  it.each([
    [
      'a CVE id of the wrong shape',
      (r: Mutable<NewTicketInput>) => (r.report.vulnerability!.cveIds = ['CVE-26-1']),
      'vulnerability.cveIds.0',
    ],
    [
      'a CVSS vector of another version',
      (r: Mutable<NewTicketInput>) =>
        (r.report.vulnerability!.cvss!.vector = 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
      'vulnerability.cvss.vector',
    ],
    [
      'a CVSS score above 10',
      (r: Mutable<NewTicketInput>) => (r.report.vulnerability!.cvss!.baseScore = 10.5),
      'vulnerability.cvss.baseScore',
    ],
    [
      'a CVSS score with two decimals',
      (r: Mutable<NewTicketInput>) => (r.report.vulnerability!.cvss!.baseScore = 9.85),
      'vulnerability.cvss.baseScore',
    ],
    [
      'a date that does not exist',
      (r: Mutable<NewTicketInput>) => (r.report.discoveredOn = '2026-02-30'),
      'discoveredOn',
    ],
    [
      'a discovery date in the future',
      (r: Mutable<NewTicketInput>) => (r.report.discoveredOn = '2026-06-20'),
      'discoveredOn',
    ],
    [
      'an expected fix date in the past',
      (r: Mutable<NewTicketInput>) => (r.report.fix = { kind: 'none', expectedOn: '2026-06-01' }),
      'fix.expectedOn',
    ],
    [
      'a category that does not exist',
      (r: Mutable<NewTicketInput>) => ((r as Record<string, unknown>).category = 'complaint'),
      'category',
    ],
    [
      'a title that is not text',
      (r: Mutable<NewTicketInput>) => ((r.report as Record<string, unknown>).title = 42),
      'title',
    ],
    [
      'offers that are not a list',
      (r: Mutable<NewTicketInput>) => ((r.report as Record<string, unknown>).offers = 'Contoso'),
      'offers',
    ],
    ['no offers', (r: Mutable<NewTicketInput>) => (r.report.offers = []), 'offers'],
    [
      'too many offers',
      (r: Mutable<NewTicketInput>) => (r.report.offers = Array(11).fill({ name: 'A', offerId: 'a' })),
      'offers',
    ],
    ['no tenant', (r: Mutable<NewTicketInput>) => (r.tenantId = ''), 'tenantId'],
    ['no reporter id', (r: Mutable<NewTicketInput>) => (r.reporter = { id: ' ' }), 'reporter.id'],
  ])('refuses %s', (_what, spoil, field) => {
    const input = mutable(vulnerabilityInput());
    spoil(input);
    expect(errorsOf(submit(input)).map((e) => ('field' in e ? e.field : e.key))).toEqual([field]);
  });

  it('allows a discovery date of "today" in any time zone', () => {
    const input = mutable(vulnerabilityInput());
    input.report.discoveredOn = '2026-06-11'; // already 11 June in Auckland at 16:00 UTC on the 10th
    expect(submit(input).ok).toBe(true);
  });

  it('refuses input that is not a report at all, without throwing', () => {
    for (const junk of [
      null,
      undefined,
      'report',
      42,
      [],
      { report: 'x' },
      { category: 'incident', report: [] },
    ]) {
      const result = submit(junk);
      expect(result.ok).toBe(false);
    }
  });

  it('never stores the reporter as anything but a publisher', () => {
    const input = mutable(vulnerabilityInput());
    (input.reporter as Record<string, unknown>).kind = 'support';
    const result = submit(input);
    expect(result.ok && result.ticket.reporter.kind).toBe('publisher');
  });

  it('refuses to file with a malformed confirmation number from a broken generator', () => {
    expect(() =>
      createTicket(vulnerabilityInput(), submittedAt, () => 'SEC-0000-0000', dayLaterCalendar),
    ).toThrow(/malformed/);
  });
});
