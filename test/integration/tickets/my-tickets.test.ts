import { actionTitles, cardTexts } from '../../support/connector-stand-in';
import { FixedClock } from '../../support/fixed-clock';
import { cardsIn } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import { expectTeamsCard } from '../../support/teams-card-checks';
import { fileTicket, supportDoes } from './ticket-fixtures';

const TENANT = '11111111-aaaa-4aaa-8aaa-000000000001';
const OTHER_TENANT = '22222222-bbbb-4bbb-8bbb-000000000002';

describe('my tickets', () => {
  let app: TestApp;
  const clock = new FixedClock('2026-11-24T10:00:00.000Z');
  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(() => app.close());

  test('with no reports yet, a friendly card offers to report a security event', async () => {
    const chat = app.chat({ tenantId: '33333333-cccc-4ccc-8ccc-000000000003' });
    const [card] = cardsIn(await chat.send('my tickets'));
    expectTeamsCard(card);
    expect(cardTexts(card)).toEqual(
      expect.arrayContaining([
        'No reports yet',
        expect.stringMatching(/^Your organisation has not reported a security event/),
      ]),
    );
    expect(actionTitles(card)).toEqual(['Report a security event']);
  });

  test("lists the organisation's reports newest first with their state, and never another tenant's", async () => {
    const first = await fileTicket(app, TENANT, 'SQL injection in the admin console');
    clock.advance(60 * 60_000);
    const second = await fileTicket(app, TENANT, 'Leaked storage key');
    await fileTicket(app, OTHER_TENANT, 'Another organisation’s report');
    clock.advance(30 * 60_000);
    await supportDoes(
      app,
      TENANT,
      first,
      { type: 'acknowledge', priority: 'P2', severity: 'High' },
      clock.now(),
    );

    const chat = app.chat({ tenantId: TENANT });
    const [card] = cardsIn(await chat.send('My tickets'));
    expectTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts).toContain("Your organisation's security reports");
    expect(texts.filter((text) => text.startsWith('SEC-'))).toEqual([second, first]);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Leaked storage key',
        'SQL injection in the admin console',
        'Vulnerability',
        'Submitted, awaiting acknowledgement',
        'Acknowledged',
        'Priority',
        'P2',
        'Severity',
        'High',
        // 10:00 UTC is 11:00 in Berlin, the user's time zone.
        'Nov 24, 2026, 11:00 AM',
      ]),
    );
    expect(texts).not.toContain('Another organisation’s report');
    expect(actionTitles(card)).toEqual([
      `Show status of ${second}`,
      `Show status of ${first}`,
      'Report a security event',
    ]);
  });

  test("the welcome card's My tickets button and the Russian words show the same list", async () => {
    const [fromButton] = cardsIn(await app.chat({ tenantId: TENANT }).submit({ cmd: 'tickets' }));
    expectTeamsCard(fromButton);
    expect(cardTexts(fromButton)).toContain('Leaked storage key');
    const [inRussian] = cardsIn(await app.chat({ tenantId: TENANT, locale: 'ru-RU' }).send('мои заявки'));
    expectTeamsCard(inRussian);
    expect(cardTexts(inRussian)).toEqual(
      expect.arrayContaining(['Заявки вашей организации о безопасности', 'Уязвимость', 'Leaked storage key']),
    );
  });

  test('a report title is shown as plain text, never as markdown', async () => {
    const tenant = '44444444-dddd-4ddd-8ddd-000000000004';
    await fileTicket(app, tenant, '**urgent** [click](https://evil.example)');
    const [card] = cardsIn(await app.chat({ tenantId: tenant }).send('tickets'));
    expectTeamsCard(card);
    const json = JSON.stringify(card);
    expect(json).toContain('"type":"TextRun","text":"**urgent** [click](https://evil.example)"');
    expect(json.match(/evil\.example/g)).toHaveLength(1);
  });
});
