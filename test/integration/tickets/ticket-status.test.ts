import { actionTitles, cardTexts } from '../../support/connector-stand-in';
import { FixedClock } from '../../support/fixed-clock';
import { cardsIn, type PostResult } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import { expectTeamsCard } from '../../support/teams-card-checks';
import { fileTicket, supportDoes } from './ticket-fixtures';

const TENANT = '11111111-aaaa-4aaa-8aaa-000000000001';
const OTHER_TENANT = '22222222-bbbb-4bbb-8bbb-000000000002';

function textOf(result: PostResult): string[] {
  return result.replies.map((call) => String(call.body.text ?? ''));
}

describe('the status of a ticket', () => {
  let app: TestApp;
  let number: string;
  const clock = new FixedClock('2026-11-24T10:00:00.000Z');
  beforeAll(async () => {
    app = await startTestApp({ clock });
    number = await fileTicket(app, TENANT, 'SQL injection in the admin console');
    clock.advance(2 * 60 * 60_000);
    await supportDoes(
      app,
      TENANT,
      number,
      { type: 'acknowledge', priority: 'P1', severity: 'Critical' },
      clock.now(),
    );
    clock.advance(60 * 60_000);
    await supportDoes(
      app,
      TENANT,
      number,
      { type: 'ask_question', question: 'Which versions are affected? **all**?' },
      clock.now(),
    );
  });
  afterAll(() => app.close());

  test('shows the state and the timeline, each event in words with who and when, in the user’s time zone', async () => {
    const chat = app.chat({ tenantId: TENANT });
    const [card] = cardsIn(await chat.send(`status ${number}`));
    expectTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts[0]).toBe(`${number}: Waiting for your answer`);
    expect(texts).toEqual(
      expect.arrayContaining([
        'SQL injection in the admin console',
        'Priority',
        'P1',
        'Severity',
        'Critical',
        'History',
        'Times are shown in Europe/Berlin.',
      ]),
    );
    const timeline = texts.slice(texts.indexOf('History'));
    expect(timeline).toEqual(
      expect.arrayContaining([
        'Nov 24, 2026, 11:00 AM · Pat Publisher',
        expect.stringMatching(/^Report submitted as Vulnerability; acknowledgement due by /),
        'Nov 24, 2026, 1:00 PM · Support',
        'Receipt acknowledged: priority P1, severity Critical.',
        'Nov 24, 2026, 2:00 PM · Support',
        'Support asked a question:',
        'Which versions are affected? **all**?',
      ]),
    );
    // Who in support did it is internal: the publisher sees "Support", never an analyst's or key's name.
    expect(JSON.stringify(card)).not.toContain('Sam Support');
    expect(actionTitles(card)).toEqual([
      'Send answer to support',
      'Refresh this status',
      'Add information',
      'Withdraw this report',
      'Draft a customer notice',
      'My tickets',
    ]);
  });

  test('the reporter reads their own actions as You', async () => {
    const chat = app.chat({ tenantId: TENANT, aadObjectId: 'aad-publisher-1' });
    const [card] = cardsIn(await chat.send(`status ${number}`));
    expect(cardTexts(card)).toContain('Nov 24, 2026, 11:00 AM · You');
    expect(JSON.stringify(card)).not.toContain('Pat Publisher');
  });

  test('the number is accepted in lower case, without dashes or without SEC', async () => {
    const chat = app.chat({ tenantId: TENANT });
    const compact = number.replace(/-/g, '').toLowerCase();
    for (const typed of [number.toLowerCase(), compact, compact.slice(3)]) {
      const [card] = cardsIn(await chat.send(`status ${typed}`));
      expectTeamsCard(card);
      expect(cardTexts(card)[0]).toBe(`${number}: Waiting for your answer`);
    }
  });

  test('the ticket list’s Show status button opens the same timeline', async () => {
    const [card] = cardsIn(
      await app.chat({ tenantId: TENANT }).submit({ cmd: 'status', confirmationNumber: number }),
    );
    expect(cardTexts(card)).toContain('Receipt acknowledged: priority P1, severity Critical.');
  });

  test('in Russian, with the Russian command word', async () => {
    const [card] = cardsIn(await app.chat({ tenantId: TENANT, locale: 'ru-RU' }).send(`Статус ${number}`));
    expectTeamsCard(card);
    expect(cardTexts(card)).toEqual(
      expect.arrayContaining([
        `${number}: Ожидает вашего ответа`,
        'История',
        'Получение подтверждено. Приоритет: P1, уровень серьёзности: Критический.',
        'Поддержка задала вопрос:',
      ]),
    );
  });

  test('another organisation’s ticket reads exactly like an unknown one', async () => {
    const chat = app.chat({ tenantId: OTHER_TENANT });
    const foreign = await chat.send(`status ${number}`);
    expect(cardsIn(foreign)).toEqual([]);
    expect(textOf(foreign)).toEqual([
      `No report ${number} was found among your organisation's reports. Please check the number, or type my tickets to see your reports.`,
    ]);
    const unknown = await chat.send('status SEC-2222-3333');
    expect(textOf(unknown)).toEqual([
      "No report SEC-2222-3333 was found among your organisation's reports. Please check the number, or type my tickets to see your reports.",
    ]);
  });

  test('something that is not a confirmation number, or none, gets an explanation', async () => {
    const chat = app.chat({ tenantId: TENANT });
    expect(textOf(await chat.send('status SEC-0000-1111'))[0]).toMatch(/^That is not a confirmation number/);
    expect(textOf(await chat.send('status'))[0]).toMatch(
      /^To see a report's status and history, type status/,
    );
  });

  test('a long history shows its most recent events and stays within Teams’ card size limit', async () => {
    const tenant = '55555555-eeee-4eee-8eee-000000000005';
    const long = await fileTicket(app, tenant, 'Many messages');
    const publisher = { kind: 'publisher' as const, id: 'aad-publisher-1', name: 'Pat Publisher' };
    for (let i = 1; i <= 30; i++) {
      clock.advance(60_000);
      const result = await app.app.backend.publisherCommand(
        tenant,
        long,
        { type: 'post_message', message: `Сообщение ${i}: ${'щ'.repeat(3000)}` },
        publisher,
      );
      expect(result.ok).toBe(true);
    }
    const [card] = cardsIn(await app.chat({ tenantId: tenant }).send(`status ${long}`));
    expectTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts.find((text) => /earlier events are not shown/.test(text))).toMatch(/^\d+ earlier events/);
    expect(texts.some((text) => text.startsWith('Сообщение 30: щщщ'))).toBe(true);
    expect(texts.some((text) => text.startsWith('Сообщение 1: '))).toBe(false);

    // The rest pages: each "Show earlier events" sends the page before, until the first event.
    const chat = app.chat({ tenantId: tenant });
    const seen = new Set(messagesOn(card));
    let page = card;
    for (let pages = 0; actionTitles(page).includes('Show earlier events'); pages++) {
      expect(pages).toBeLessThan(31);
      const [next] = cardsIn(await chat.submit(submitDataOf(page, 'Show earlier events')));
      expectTeamsCard(next);
      expect(cardTexts(next)[0]).toBe(`${long}: earlier history`);
      expect(actionTitles(next)).toContain('Show the latest status');
      for (const message of messagesOn(next)) {
        expect(seen.has(message)).toBe(false);
        seen.add(message);
      }
      page = next!;
    }
    // Every message was on exactly one card, and the last page starts with the report's submission.
    expect(seen.size).toBe(30);
    expect(cardTexts(page).join('\n')).toContain('Сообщение 1: ');
  });

  test('a page of earlier events for another tenant’s ticket is refused like an unknown one', async () => {
    const chat = app.chat({ tenantId: OTHER_TENANT });
    const result = await chat.submit({ cmd: 'timeline-page', confirmationNumber: number, before: 3 });
    expect(cardsIn(result)).toEqual([]);
    expect(textOf(result)[0]).toMatch(new RegExp(`^No report ${number} was found`));
  });
});

/** The "Сообщение N" messages a timeline card shows, by their number. */
function messagesOn(card: unknown): string[] {
  return cardTexts(card)
    .map((text) => /^Сообщение (\d+): /.exec(text)?.[1])
    .filter((n): n is string => n !== undefined);
}

function submitDataOf(card: unknown, title: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Submit' && element.title === title) found = element.data as typeof found;
    Object.values(element).forEach(visit);
  };
  visit(card);
  if (!found) throw new Error(`no button "${title}"`);
  return found;
}
