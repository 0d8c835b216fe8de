import { cardTexts } from '../../support/connector-stand-in';
import { renderStepCard } from '../../../src/bot/report/render-step-card';
import { ticketStatusData } from '../../../src/cards/ticket-status-data';
import { userTimeZone } from '../../../src/bot/user-time-zone';
import { detectCategory } from '../../../src/bot/report/detect-category';
import { draftAt, longestAnswers, sampleTicket, stepContext } from './card-samples';

describe('the review card', () => {
  test('shows every answer in full when the report fits one message', () => {
    const values = { ...longestAnswers(), description: 'Short description.', offerName1: '', offerId1: '' };
    const texts = cardTexts(renderStepCard(draftAt('review', values), stepContext('en')));
    expect(texts).toContain('Short description.');
    expect(texts.some((t) => t.includes('shortened here'))).toBe(false);
  });

  test('shortens only the longest answers when a report at every limit would exceed the Teams size limit', () => {
    const values = longestAnswers();
    const texts = cardTexts(renderStepCard(draftAt('review', values), stepContext('ru')));
    const description = texts.find((t) => t.startsWith('щщщ') && t.includes('сокращено'));
    expect(description).toBeDefined();
    expect(texts).toContain(values.title);
    expect(values.description).toHaveLength(4000);
  });
});

/** ICU puts narrow no-break spaces in dates ("2026 г.", "12:00 PM"); compare them as spaces. */
const plain = (value: unknown) =>
  JSON.parse(JSON.stringify(value).replace(/[\u00a0\u202f]/g, ' ')) as unknown;

describe('the ticket status card data', () => {
  test("times are in the reporter's zone and language, and UTC when the zone is unknown", () => {
    const tokyo = ticketStatusData(sampleTicket, { locale: 'en', timeZone: 'Asia/Tokyo' });
    expect(plain(tokyo.facts)).toContainEqual({
      label: 'Acknowledgement due',
      value: 'Wednesday, November 25, 2026 at 10:00 AM GMT+9',
    });
    const unknown = ticketStatusData(sampleTicket, { locale: 'ru', timeZone: 'Mars/Olympus' });
    expect(plain(unknown.facts)).toContainEqual({
      label: 'Срок подтверждения получения',
      value: 'среда, 25 ноября 2026 г. в 01:00 UTC',
    });
  });

  test('a submitted ticket names its acknowledgement due time once, above "What happens next?"', () => {
    for (const locale of ['en', 'ru'] as const) {
      const data = ticketStatusData(sampleTicket, { locale, timeZone: 'Asia/Tokyo' });
      const due = (data.facts as Array<{ value: string }>).filter((fact) => fact.value.includes('2026'));
      expect(due.map((fact) => fact.value)).toHaveLength(2); // submitted at, acknowledgement due
      expect(String(data.whatNext)).not.toMatch(/2026|GMT/);
    }
  });

  test('an acknowledged ticket shows its priority and severity instead of the due time', () => {
    const data = ticketStatusData(
      {
        ...sampleTicket,
        state: 'acknowledged',
        priority: 'P2',
        severity: 'High',
        acknowledgedAt: '2026-11-24T12:00:00.000Z',
      },
      { locale: 'en', timeZone: 'UTC' },
    );
    expect(plain(data.facts)).toEqual(
      expect.arrayContaining([
        { label: 'Priority', value: 'P2' },
        { label: 'Severity', value: 'High' },
        { label: 'Acknowledged', value: 'Tuesday, November 24, 2026 at 12:00 PM UTC' },
      ]),
    );
    expect(data.whatNext).toBe(
      'Support has acknowledged your report and is assessing it. Its assessment will reach you in this chat.',
    );
  });
});

describe('reading the activity', () => {
  test("the time zone is Teams' localTimezone, else the clientInfo entity's, and nothing made up", () => {
    const clientInfo = { type: 'clientInfo', timezone: 'Europe/Berlin' };
    expect(userTimeZone({ localTimezone: 'Asia/Tokyo', entities: [clientInfo] })).toBe('Asia/Tokyo');
    expect(userTimeZone({ localTimezone: 'Not/AZone', entities: [clientInfo] })).toBe('Europe/Berlin');
    expect(userTimeZone({})).toBeUndefined();
  });

  test('a sentence names a category only when it names exactly one', () => {
    expect(detectCategory('an incident')).toBe('incident');
    expect(detectCategory('об уязвимости')).toBe('vulnerability');
    expect(detectCategory('a vulnerability that led to an incident')).toBeUndefined();
    expect(detectCategory('')).toBeUndefined();
  });
});
