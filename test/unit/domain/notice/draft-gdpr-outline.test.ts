import { draftCommunication, formatsFor, type DraftRequest } from '../../../../src/domain/notice';
import type { Ticket, TicketReport } from '../../../../src/domain/ticket';
import { draftedAt, ticketWith } from './draft-fixtures';

function gdpr(ticket: Ticket, options: Partial<DraftRequest> = {}) {
  return draftCommunication({
    format: 'gdpr',
    language: 'en',
    tone: 'formal',
    ticket,
    now: draftedAt,
    ...options,
  });
}

const incidentWith = (
  incident: Partial<NonNullable<TicketReport['incident']>>,
  report: Partial<TicketReport> = {},
) =>
  ticketWith('incident', 'full', {
    report: {
      ...report,
      incident: {
        dataOrSystems: 'Customer backup blobs with names and email addresses',
        startedOn: '2026-06-08',
        ongoing: 'no',
        personalData: 'yes',
        ...incident,
      },
    },
  });

describe('which formats a ticket is drafted in', () => {
  test('an incident that involves personal data adds the GDPR Art. 33 outline', () => {
    expect(formatsFor(incidentWith({ personalData: 'yes' }))).toEqual(['email', 'short', 'csaf', 'gdpr']);
  });

  test.each(['no', 'unknown', undefined] as const)(
    'an incident whose personal data answer is %p does not',
    (answer) => {
      expect(formatsFor(incidentWith({ personalData: answer }))).toEqual(['email', 'short', 'csaf']);
    },
  );

  test('a vulnerability does not', () => {
    expect(formatsFor(ticketWith('vulnerability', 'full'))).toEqual(['email', 'short', 'csaf']);
  });

  test('asking for an outline the ticket is not offered is a mistake the caller hears of', () => {
    expect(() => gdpr(ticketWith('vulnerability', 'full'))).toThrow(RangeError);
    expect(() => gdpr(incidentWith({ personalData: 'unknown' }))).toThrow(RangeError);
  });
});

describe('the GDPR Art. 33 outline for the supervisory authority', () => {
  test('states the deadline as a date and as 72 hours from becoming aware (the discovery date)', () => {
    const { body } = gdpr(incidentWith({}));
    expect(body).toContain('not later than 72 hours after having become aware of the breach (Art. 33(1))');
    expect(body).toContain(
      'You became aware of the breach on June 9, 2026 (the date of discovery in the report). The notification is therefore due by June 12, 2026, 72 hours from the time of day at which you became aware.',
    );
    expect(body).not.toContain('has passed');
  });

  test('counts from the start of the incident when the report has no discovery date', () => {
    const { body } = gdpr(incidentWith({}, { discoveredOn: undefined }));
    expect(body).toContain('Counting from the start of the incident on June 8, 2026');
    expect(body).toContain('the notification is due by June 11, 2026');
  });

  test('leaves both dates to the publisher when the report has neither', () => {
    const drafted = gdpr(incidentWith({ startedOn: undefined }, { discoveredOn: undefined }));
    expect(drafted.body).toContain(
      'You became aware of the breach on [Date you became aware of the breach]. The notification is due 72 hours after that: [Notification deadline].',
    );
    expect(drafted.placeholders).toEqual(
      expect.arrayContaining(['[Date you became aware of the breach]', '[Notification deadline]']),
    );
  });

  test('says when the deadline has passed, and that the reasons for the delay must go with it', () => {
    const { body } = gdpr(incidentWith({}), { now: new Date('2026-06-20T08:00:00.000Z') });
    expect(body).toContain('As of June 20, 2026 this deadline has passed: give the reasons for the delay');
  });

  test('covers each point of Art. 33(3), from the report where it can and a placeholder where it cannot', () => {
    const drafted = gdpr(incidentWith({}));
    const { body } = drafted;
    expect(body).toContain('1. Nature of the breach (Art. 33(3)(a))');
    expect(body).toContain('- What happened: A storage account key was committed to a public repository.');
    expect(body).toContain(
      '- Data or systems involved: Customer backup blobs with names and email addresses',
    );
    expect(body).toContain('- Who is affected: About 40 customers in West Europe.');
    expect(body).toContain('2. Data protection officer or other contact point (Art. 33(3)(b))');
    expect(body).toContain('3. Likely consequences of the breach (Art. 33(3)(c))');
    expect(body).toContain('4. Measures taken or proposed to address the breach (Art. 33(3)(d))');
    expect(body).toContain(
      '- A fix is available to customers. Its steps:\n  Upgrade to 2.4.1.\n  Restart the gateway.',
    );
    expect(drafted.placeholders).toEqual([
      '[Categories of data subjects]',
      '[Approximate number of data subjects]',
      '[Categories of personal data records]',
      '[Approximate number of personal data records]',
      '[Name and contact details of the data protection officer or other contact point]',
      '[Likely consequences of the breach for the data subjects]',
      '[Measures to mitigate possible adverse effects on the data subjects]',
    ]);
  });

  test('reminds a processor that it notifies the controller instead', () => {
    expect(gdpr(incidentWith({})).body).toContain(
      'notify each controller without undue delay instead (Art. 33(2))',
    );
  });

  test('in Russian, with the dates written the Russian way', () => {
    const drafted = gdpr(incidentWith({}), { language: 'ru' });
    expect(drafted.body).toContain('(статья 33 GDPR)');
    expect(drafted.body).toContain(
      'Вам стало известно о нарушении 9 июня 2026 г. (дата обнаружения из обращения).',
    );
    expect(drafted.body).toContain('уведомление нужно направить не позднее 12 июня 2026 г.');
    expect(drafted.body).toContain('2. Инспектор по защите данных или иное контактное лицо (ст. 33(3)(b))');
    expect(drafted.placeholders).toContain('[Категории субъектов данных]');
  });
});
