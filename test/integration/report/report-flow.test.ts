import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  fullFix,
  incidentDetails,
  incidentKind,
  noFix,
  noMessage,
  ownMessage,
  vulnerabilityData,
  vulnerabilityDetails,
  vulnerabilityKind,
} from './report-answers';
import { inputOf, ReportSession } from './report-session';
import { confirmationNumberOn, storedTicket } from './stored-ticket';

describe('reporting a security event from start to confirmation', () => {
  let app: TestApp;
  const clock = new FixedClock('2026-11-24T10:00:00.000Z');
  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(() => app.close());

  test("an incident in English: five cards in one message, then the confirmation with the due time in the user's zone", async () => {
    const session = new ReportSession(app.chat({ locale: 'en-US' }));
    const start = await session.post('report', { localTimezone: 'Asia/Tokyo' });
    const firstCardId = session.cardId;
    expect(start.replies.map((r) => r.kind)).toEqual(['reply']);
    expect(session.texts()).toEqual(expect.arrayContaining(['Step 1 of 5', 'Report a security event']));

    await session.press('next', incidentKind);
    expect(session.texts()).toEqual(expect.arrayContaining(['Step 2 of 5', 'What happened?']));
    await session.press('next', incidentDetails);
    expect(session.texts()).toContain('Step 3 of 5');
    await session.press('next', fullFix);
    await session.press('next', noMessage);
    expect(session.texts()).toEqual(
      expect.arrayContaining([
        'Review your report',
        'Customer data exposed through the export API',
        'Submit report',
      ]),
    );
    const submitted = await session.press('submit');

    // Every step replaced the one card instead of stacking new ones.
    expect(session.cardId).toBe(firstCardId);
    expect(submitted.replies.map((r) => r.kind)).toEqual(['update']);
    const number = confirmationNumberOn(session.card);
    const texts = session.texts();
    expect(texts).toEqual(expect.arrayContaining(['Your report has been submitted', number]));
    // Submitted Tuesday 02:00 Pacific, before support's day (09:00-17:00 Pacific) starts: one business day
    // is Tuesday's working hours, due 17:00 Pacific = Wednesday 01:00 UTC = 10:00 on Wednesday in Tokyo.
    expect(texts.join('\n')).toContain('Wednesday, November 25, 2026 at 10:00 AM GMT+9');
    expect(texts).toContain(`To see its status and history at any time, type status ${number}.`);

    const row = await storedTicket(app, number);
    expect(row).toMatchObject({
      category: 'incident',
      title: 'Customer data exposed through the export API',
      locale: 'en',
      reporter_time_zone: 'Asia/Tokyo',
    });
    // The confirmation card is remembered, so every change of the ticket updates it in place.
    const cards = await app.app.store.db
      .selectFrom('publisher_cards')
      .innerJoin('tickets', 'tickets.id', 'publisher_cards.ticket_id')
      .select([
        'kind',
        'activity_id',
        'publisher_cards.conversation_id',
        'publisher_cards.locale',
        'time_zone',
      ])
      .where('tickets.confirmation_number', '=', number)
      .execute();
    expect(cards).toEqual([
      {
        kind: 'status',
        activity_id: firstCardId,
        conversation_id: session.chat.conversationId,
        locale: 'en',
        time_zone: 'Asia/Tokyo',
      },
    ]);
    expect(row?.report).toMatchObject({
      offers: [{ name: 'Contoso WAF', offerId: 'contoso.contoso-waf' }],
      incident: {
        dataOrSystems: 'Customer contact records in the export service',
        startedOn: '2026-11-18',
        ongoing: 'no',
        personalData: 'no',
      },
      fix: { kind: 'full', remediationSteps: 'Upgrade to 2.4.1.' },
    });
    expect(row?.report).not.toHaveProperty('customerMessage');
  });

  test('a vulnerability from a sentence: the category is pre-selected and the CVE ids and vector are stored clean', async () => {
    const session = new ReportSession(app.chat({ locale: 'en-US' }));
    await session.say('I want to report a vulnerability');
    expect(inputOf(session.card, 'category')?.value).toBe('vulnerability');
    expect(session.texts()).toContain('Step 1 of 6');

    await session.press('next', vulnerabilityKind);
    expect(session.texts()).toContain('What is the vulnerability?');
    await session.press('next', vulnerabilityDetails);
    expect(session.texts()).toEqual(
      expect.arrayContaining(['Step 3 of 6', 'Vulnerability details', 'Open the CVSS calculator']),
    );
    await session.press('next', vulnerabilityData);
    await session.press('next', noFix);
    await session.press('next', ownMessage);
    expect(session.texts()).toEqual(
      expect.arrayContaining([
        'CVE-2026-12345, CVE-2026-12346',
        'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H — score 9.8 (Critical)',
        'Contoso WAF (contoso.contoso-waf)\nContoso Gateway (contoso.gateway)',
      ]),
    );
    await session.press('submit');
    const row = await storedTicket(app, confirmationNumberOn(session.card));
    expect(row).toMatchObject({ category: 'vulnerability', reporter_time_zone: 'Europe/Berlin' });
    expect(row?.report).toMatchObject({
      offers: [
        { name: 'Contoso WAF', offerId: 'contoso.contoso-waf' },
        { name: 'Contoso Gateway', offerId: 'contoso.gateway' },
      ],
      vulnerability: {
        cveIds: ['CVE-2026-12345', 'CVE-2026-12346'],
        cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 },
      },
      fix: { kind: 'none', expectedOn: '2026-12-15' },
      customerMessage: ownMessage.customerMessage,
    });
    expect(row?.report).not.toHaveProperty('incident');
  });

  test('an incident in Russian: every card speaks Russian and the ticket is stored', async () => {
    const session = new ReportSession(app.chat({ locale: 'ru-RU' }));
    await session.say('сообщить об инциденте');
    expect(inputOf(session.card, 'category')?.value).toBe('incident');
    expect(session.texts()).toEqual(
      expect.arrayContaining(['Шаг 1 из 5', 'Сообщить о событии безопасности']),
    );
    await session.press('next', { ...incidentKind, title: 'Утечка данных клиентов через API экспорта' });
    expect(session.texts()).toContain('Что произошло?');
    await session.press('next', {
      ...incidentDetails,
      description: 'Конечная точка экспорта возвращала чужие строки.',
    });
    expect(session.texts()).toContain('Исправление');
    await session.press('next', fullFix);
    expect(session.texts()).toContain('Сообщение для клиентов');
    await session.press('next', noMessage);
    expect(session.texts()).toEqual(expect.arrayContaining(['Проверьте заявку', 'Отправить заявку']));
    await session.press('submit');
    const number = confirmationNumberOn(session.card);
    expect(session.texts()).toEqual(expect.arrayContaining(['Ваша заявка отправлена', 'Номер заявки']));
    // The clientInfo zone (Berlin), in Russian: due Tuesday 17:00 Pacific = Wednesday 02:00 in Berlin.
    const texts = session.texts();
    expect(texts[texts.indexOf('Срок подтверждения получения') + 1]).toBe(
      'среда, 25 ноября 2026 г. в 02:00 GMT+1',
    );
    // The due time is said once, in its fact, and not again under «Что дальше?».
    expect(texts.filter((text) => text.includes('25 ноября 2026'))).toHaveLength(1);
    const row = await storedTicket(app, number);
    expect(row).toMatchObject({
      category: 'incident',
      locale: 'ru',
      title: 'Утечка данных клиентов через API экспорта',
    });
  });

  test('a vulnerability in Russian, started with "хочу сообщить об уязвимости"', async () => {
    const session = new ReportSession(app.chat({ locale: 'ru-RU' }));
    await session.say('Хочу сообщить об уязвимости');
    expect(inputOf(session.card, 'category')?.value).toBe('vulnerability');
    await session.press('next', vulnerabilityKind);
    expect(session.texts()).toContain('В чём уязвимость?');
    await session.press('next', vulnerabilityDetails);
    expect(session.texts()).toEqual(
      expect.arrayContaining(['Сведения об уязвимости', 'Открыть калькулятор CVSS']),
    );
    await session.press('next', { cveIds: 'CVE-2026-12345', cvssVector: '' });
    await session.press('next', fullFix);
    await session.press('next', ownMessage);
    await session.press('submit');
    const row = await storedTicket(app, confirmationNumberOn(session.card));
    expect(row).toMatchObject({ category: 'vulnerability', locale: 'ru' });
    expect(row?.report).toMatchObject({ vulnerability: { cveIds: ['CVE-2026-12345'] } });
  });

  test("the welcome card's button starts a report", async () => {
    const session = new ReportSession(app.chat());
    session.take(await session.chat.submit({ cmd: 'report' }));
    expect(session.texts()).toEqual(expect.arrayContaining(['Step 1 of 5', 'Report a security event']));
    expect(inputOf(session.card, 'category')?.value).toBe('');
  });
});
