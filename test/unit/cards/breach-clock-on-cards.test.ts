import { renderTriageCard } from '../../../src/bot/support-channel/render-triage-card';
import { renderTicketStatusCard } from '../../../src/cards/ticket-status-data';
import type { Ticket } from '../../../src/domain/ticket';
import { supportTicketJson } from '../../../src/http/support/ticket-json';
import { buildNotification } from '../../../src/notify/build-notification';
import { cardTexts, actionTitles } from '../../support/connector-stand-in';

/** An incident with personal data, discovered 2 December, filed by a Berlin publisher. */
const incident: Ticket = {
  confirmationNumber: 'SEC-ABCD-EFGH',
  tenantId: 'tenant-1',
  reporter: { kind: 'publisher', id: 'user-1', name: 'Alex' },
  category: 'incident',
  report: {
    title: 'Contact records exposed',
    offers: [{ name: 'Contoso CRM', offerId: 'contoso.crm' }],
    description: 'd',
    discoveredOn: '2026-12-02',
    knownExploited: 'no',
    incident: { dataOrSystems: 'Contact records', ongoing: 'no', personalData: 'yes' },
    fix: { kind: 'none' },
  },
  state: 'acknowledged',
  openQuestions: [],
  additions: [],
  submittedAt: '2026-12-02T09:00:00.000Z',
  ackDueAt: '2026-12-03T09:00:00.000Z',
  breachDueAt: '2026-12-04T23:00:00.000Z',
  updatedAt: '2026-12-02T09:00:00.000Z',
  version: 2,
};

const text = (card: unknown) =>
  cardTexts(card)
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ');

describe('the 72-hour clock on the cards', () => {
  test('the status card: running with the button, passed with the advice, marked done without the button', () => {
    const running = renderTicketStatusCard(incident, {
      locale: 'en',
      timeZone: 'America/New_York',
      now: new Date('2026-12-03T09:00:00Z'),
    });
    // The reader's zone: 4 December, 18:00 in New York.
    expect(text(running)).toContain('by Friday, December 4, 2026 at 06:00 PM EST');
    expect(actionTitles(running)).toContain('I have notified the authority');

    const passed = renderTicketStatusCard(incident, { locale: 'ru', now: new Date('2026-12-05T09:00:00Z') });
    expect(text(passed)).toContain('72 часа на уведомление надзорного органа истекли');
    expect(text(passed)).toContain('Уведомите его без промедления');

    const done = renderTicketStatusCard(
      {
        ...incident,
        state: 'closed',
        closedAt: '2026-12-03T12:00:00.000Z',
        breachNotifiedAt: '2026-12-03T10:00:00.000Z',
      },
      { locale: 'en', timeZone: 'UTC', now: new Date('2026-12-06T09:00:00Z') },
    );
    expect(text(done)).toContain(
      'You marked the supervisory authority notified (Thursday, December 3, 2026 at 10:00 AM UTC).',
    );
    expect(actionTitles(done)).not.toContain('I have notified the authority');
  });

  test('the triage card shows the deadline and whether the publisher marked it done, and the personal-data answer', () => {
    const open = text(
      renderTriageCard({ ticket: incident, version: 2, overdue: false }, { locale: 'en', timeZone: 'UTC' }),
    );
    expect(open).toContain('GDPR Art. 33: notify the authority by');
    expect(open).toContain('Friday, December 4, 2026 at 11:00 PM UTC — not marked notified yet');
    expect(open).toContain('Personal data involved');
    const marked = text(
      renderTriageCard(
        { ticket: { ...incident, breachNotifiedAt: '2026-12-03T10:00:00.000Z' }, version: 3, overdue: false },
        { locale: 'ru', timeZone: 'UTC' },
      ),
    );
    expect(marked).toContain('издатель отметил, что орган уведомлён');
  });

  test('the support API carries the clock on the ticket', () => {
    const json = supportTicketJson({
      ticket: { ...incident, breachRemindedAt: '2026-12-03T23:00:00.000Z' },
      version: 2,
      overdue: false,
    });
    expect(json).toMatchObject({
      breachDueAt: '2026-12-04T23:00:00.000Z',
      breachRemindedAt: '2026-12-03T23:00:00.000Z',
    });
    expect(json).not.toHaveProperty('breachNotifiedAt');
  });

  test("the reminder: the deadline in the publisher's zone and the mark-done button; the mark itself sends nothing", () => {
    const reminder = buildNotification(
      {
        type: 'breach_reminder_due',
        actor: { kind: 'system', id: 'breach-reminder-job' },
        at: '2026-12-03T23:00:00.000Z',
        data: { dueAt: '2026-12-04T23:00:00.000Z' },
      },
      { confirmationNumber: 'SEC-ABCD-EFGH', title: 'Contact records exposed', timeZone: 'Europe/Berlin' },
      'en',
    );
    expect(text(reminder?.card)).toContain('by December 5, 2026 at 12:00 AM GMT+1');
    expect(actionTitles(reminder?.card)).toEqual(['I have notified the authority']);
    expect(
      buildNotification(
        {
          type: 'breach_notification_done',
          actor: { kind: 'publisher', id: 'user-1' },
          at: '2026-12-03T10:00:00.000Z',
          data: { dueAt: '2026-12-04T23:00:00.000Z' },
        },
        { confirmationNumber: 'SEC-ABCD-EFGH', title: 'Contact records exposed' },
        'en',
      ),
    ).toBeUndefined();
  });
});
