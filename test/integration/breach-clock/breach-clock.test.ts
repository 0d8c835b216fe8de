import {
  actionTitles,
  adaptiveCardsOf,
  cardTexts,
  type ConnectorCall,
} from '../../support/connector-stand-in';
import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import { elementsOf, ReportSession, textsOf, type Card } from '../report/report-session';
import { confirmationNumberOn } from '../report/stored-ticket';
import { fullFix, incidentKind } from '../report/report-answers';

const notifyEnv = { NOTIFY_POLL_MS: '50', NOTIFY_LEASE_SECONDS: '5' };

const languages = [
  {
    language: 'English',
    locale: 'en-US',
    t: {
      review: 'Personal data involved',
      yes: 'Yes',
      no: 'No',
      clock: 'GDPR Art. 33: notify the supervisory authority',
      // 72 hours from the start of 2 December in Berlin (the chat's zone): 5 December, 00:00 there.
      deadline: 'December 5, 2026 at 12:00 AM GMT+1',
      counted: 'counted from the start of Dec 2, 2026, the date of discovery',
      markDone: 'I have notified the authority',
      reminder: '72 hours to notify the supervisory authority are running out',
      done: 'Noted: the supervisory authority has been notified about report',
      notified: 'You marked the supervisory authority notified',
      passed: 'The 72 hours to notify the supervisory authority ran out',
      already: 'was already marked',
    },
  },
  {
    language: 'Russian',
    locale: 'ru-RU',
    t: {
      review: 'Затронуты персональные данные',
      yes: 'Да',
      no: 'Нет',
      clock: 'Ст. 33 GDPR: уведомление надзорного органа',
      deadline: '5 декабря 2026 г. в 00:00 GMT+1',
      counted: 'отсчёт с начала дня 2 дек. 2026 г., даты обнаружения',
      markDone: 'Я уведомил(а) надзорный орган',
      reminder: 'Истекают 72 часа на уведомление надзорного органа',
      done: 'Отмечено: надзорный орган уведомлён по заявке',
      notified: 'Вы отметили, что надзорный орган уведомлён',
      passed: '72 часа на уведомление надзорного органа истекли',
      already: 'уже отмечено',
    },
  },
];

/** The button of a card whose data runs `cmd`. */
function buttonData(card: Card, cmd: string): Record<string, unknown> | undefined {
  return elementsOf(card)
    .filter((e) => e.type === 'Action.Submit')
    .map((e) => e.data as Record<string, unknown>)
    .find((data) => data?.cmd === cmd);
}

describe.each(languages)('the GDPR 72-hour clock in $language', ({ locale, t }) => {
  let app: TestApp;
  let clock: FixedClock;

  beforeEach(async () => {
    clock = new FixedClock('2026-12-02T09:00:00.000Z');
    app = await startTestApp({ clock, env: notifyEnv });
  });
  afterEach(() => app.close());

  async function fileIncident(personalData: 'yes' | 'no', discoveredOn = '2026-12-02') {
    const chat = app.chat({ locale });
    await chat.install();
    const session = new ReportSession(chat);
    await session.say('report');
    await session.press('next', incidentKind);
    await session.press('next', {
      description: 'Our export endpoint returned other tenants’ contact rows to a crafted filter.',
      discoveredOn,
      knownExploited: 'no',
      affected: 'Customers on version 2.x',
      dataOrSystems: 'Customer contact records (names and e-mail addresses)',
      startedOn: '',
      ongoing: 'no',
      personalData,
    });
    await session.press('next', fullFix);
    await session.press('next', { messageChoice: 'none', customerMessage: '' });
    const review = session.texts();
    expect(review[review.indexOf(t.review) + 1]).toBe(personalData === 'yes' ? t.yes : t.no);
    await session.press('submit');
    return { chat, session, number: confirmationNumberOn(session.card), statusCardId: session.cardId };
  }

  const reminders = (call: ConnectorCall) =>
    call.kind === 'send' &&
    call.status < 300 &&
    adaptiveCardsOf(call.body).some((card) => cardTexts(card).includes(t.reminder));

  test('the status card shows the deadline; one reminder comes a day before; marked done on it, no more come', async () => {
    const { chat, session, number, statusCardId } = await fileIncident('yes');
    const status = cardTexts(session.card);
    expect(status).toContain(t.clock);
    expect(status.join('\n')).toContain(t.deadline);
    expect(status.join('\n')).toContain(t.counted);
    expect(actionTitles(session.card)).toContain(t.markDone);

    // Two days before: nothing yet.
    clock.set('2026-12-03T12:00:00.000Z');
    expect(await app.app.ticketing.breachReminders?.runOnce()).toBe(0);

    // A day before the deadline (5 December 00:00 Berlin = 4 December 23:00 UTC): the one reminder.
    clock.set('2026-12-03T23:30:00.000Z');
    expect(await app.app.ticketing.breachReminders?.runOnce()).toBe(1);
    const [sent] = await app.connector.waitFor(reminders);
    const reminder = adaptiveCardsOf(sent!.body)[0]!;
    expect(cardTexts(reminder).join('\n')).toContain(number);
    expect(cardTexts(reminder).join('\n')).toContain(t.deadline);
    expect(actionTitles(reminder)).toContain(t.markDone);
    expect(await app.app.ticketing.breachReminders?.runOnce()).toBe(0);

    // Marked done from the reminder card: told in the chat, the status card updated in place.
    const mark = buttonData(reminder, 'breach_notified');
    expect(mark).toEqual({ cmd: 'breach_notified', confirmationNumber: number });
    const marked = await chat.submit(mark!, sent!.newActivityId);
    expect(textsOf(marked).join('\n')).toContain(`${t.done} ${number}`);
    const [updated] = await app.connector.waitFor(
      (call) =>
        call.kind === 'update' &&
        call.activityId === statusCardId &&
        adaptiveCardsOf(call.body).some((card) => cardTexts(card).join('\n').includes(t.notified)),
    );
    expect(actionTitles(adaptiveCardsOf(updated!.body)[0])).not.toContain(t.markDone);

    // A second press changes nothing; later runs send nothing, ever.
    const again = await chat.submit(mark!, sent!.newActivityId);
    expect(textsOf(again).join('\n')).toContain(t.already);
    clock.set('2026-12-04T22:00:00.000Z');
    expect(await app.app.ticketing.breachReminders?.runOnce()).toBe(0);
    expect(app.connector.calls.filter(reminders)).toHaveLength(1);
  });

  test('marked done from the status card before the reminder, none comes', async () => {
    const { chat, session, number, statusCardId } = await fileIncident('yes');
    const mark = buttonData(session.card, 'breach_notified');
    expect(mark).toEqual({ cmd: 'breach_notified', confirmationNumber: number });
    clock.set('2026-12-03T10:00:00.000Z');
    const marked = await chat.submit(mark!, statusCardId);
    expect(textsOf(marked).join('\n')).toContain(`${t.done} ${number}`);
    clock.set('2026-12-04T00:00:00.000Z');
    expect(await app.app.ticketing.breachReminders?.runOnce()).toBe(0);
    expect(app.connector.calls.filter(reminders)).toHaveLength(0);
  });

  test('a report filed after the deadline passed says so, recommends notifying without delay, and is never reminded', async () => {
    clock.set('2026-12-08T09:00:00.000Z');
    const { session } = await fileIncident('yes', '2026-12-02');
    expect(cardTexts(session.card).join('\n')).toContain(t.passed);
    expect(actionTitles(session.card)).toContain(t.markDone);
    expect(await app.app.ticketing.breachReminders?.runOnce()).toBe(0);
    expect(app.connector.calls.filter(reminders)).toHaveLength(0);
  });

  test('without personal data there is no clock on the card and no reminder', async () => {
    const { session } = await fileIncident('no');
    expect(cardTexts(session.card)).not.toContain(t.clock);
    expect(buttonData(session.card, 'breach_notified')).toBeUndefined();
    clock.set('2026-12-04T00:00:00.000Z');
    expect(await app.app.ticketing.breachReminders?.runOnce()).toBe(0);
  });
});

describe('the mark-done button with input it should not trust', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ clock: new FixedClock('2026-12-02T09:00:00.000Z'), env: notifyEnv });
  });
  afterAll(() => app.close());

  test("a malformed number, another organisation's report and a report without the clock are each answered, and nothing is stored", async () => {
    const owner = app.chat({ locale: 'en-US' });
    await owner.install();
    const session = new ReportSession(owner);
    await session.say('report');
    await session.press('next', incidentKind);
    await session.press('next', {
      description: 'An export endpoint returned other tenants’ rows.',
      discoveredOn: '2026-12-02',
      knownExploited: 'no',
      affected: '',
      dataOrSystems: 'Contact records',
      startedOn: '',
      ongoing: 'no',
      personalData: 'unknown',
    });
    await session.press('next', fullFix);
    await session.press('next', { messageChoice: 'none', customerMessage: '' });
    await session.press('submit');
    const number = confirmationNumberOn(session.card);

    const garbage = await owner.submit({ cmd: 'breach_notified', confirmationNumber: { $ne: '' } });
    expect(textsOf(garbage).join('\n')).toContain('To mark the supervisory authority notified');
    const injected = await owner.submit({
      cmd: 'breach_notified',
      confirmationNumber: "SEC-'; DROP TABLE tickets;--",
    });
    expect(textsOf(injected).join('\n')).toMatch(/To mark the supervisory authority notified|No report/);

    const stranger = app.chat({ locale: 'en-US', tenantId: '0b3a1c55-9f0e-4a57-8f34-5a1d2c3b4e5f' });
    const foreign = await stranger.submit({ cmd: 'breach_notified', confirmationNumber: number });
    expect(textsOf(foreign).join('\n')).toContain(
      `No report ${number} was found among your organisation's reports`,
    );

    const notApplicable = await owner.send(`authority notified ${number}`);
    expect(textsOf(notApplicable).join('\n')).toContain(
      `Report ${number} has no 72-hour deadline to notify the supervisory authority`,
    );
    const history = (await app.app.backend.getWithHistoryForTenant(owner.user.tenantId, number))?.history;
    expect(history?.map((entry) => entry.event.type)).toEqual(['submitted']);
  });
});
