import { actionTitles, cardTexts } from '../../support/connector-stand-in';
import { cardsIn, type TeamsChat } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import { expectTeamsCard } from '../../support/teams-card-checks';

/** The one card a `cvss …` message is answered with. */
async function cvssCard(chat: TeamsChat, text: string): Promise<Record<string, unknown>> {
  const reply = await chat.send(text);
  expect(reply.status).toBe(200);
  const cards = cardsIn(reply);
  expect(cards).toHaveLength(1);
  expectTeamsCard(cards[0]);
  return cards[0]!;
}

/** The monospace texts (runs, and the wrapping blocks a checked vector is shown in): the vectors a card shows. */
function monospaceRuns(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    const text = element.type === 'TextRun' || element.type === 'TextBlock';
    // A refused vector is echoed in lines that fit a phone: compared here as one string.
    if (text && element.fontType === 'Monospace') out.push(String(element.text).replace(/\n/g, ''));
    Object.values(element).forEach(visit);
  };
  visit(card);
  return out;
}

/** Texts Teams renders with markdown: TextBlocks and facts. */
function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock') out.push(String(element.text));
    if (element.type === 'FactSet') out.push(JSON.stringify(element.facts));
    Object.values(element).forEach(visit);
  };
  visit(card);
  return out;
}

describe('the cvss command', () => {
  let app: TestApp;
  let english: TeamsChat;
  let russian: TeamsChat;
  beforeAll(async () => {
    app = await startTestApp();
    english = app.chat({ locale: 'en-US' });
    russian = app.chat({ locale: 'ru-RU' });
  });
  afterAll(() => app.close());

  test.each([
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', '3.0', '6.1 Medium'],
    ['CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', '3.0', '9.9 Critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', '9.8 Critical'],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', '3.1', '3.1 Low'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0', '7.7 High'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', '4.0', '10.0 Critical'],
  ])('"cvss %s" answers CVSS %s with %s', async (vector, version, headline) => {
    const card = await cvssCard(english, `cvss ${vector}`);
    const texts = cardTexts(card);
    expect(texts).toContain(`CVSS ${version} score`);
    expect(texts).toContain(headline);
    expect(monospaceRuns(card)).toEqual([vector]);
  });

  test('every metric is named in words next to its value, and the severity is suggested', async () => {
    const card = await cvssCard(english, 'cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    const texts = cardTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Base metrics',
        'Attack Vector',
        'Network',
        'Attack Complexity',
        'Privileges Required',
        'Scope',
        'Unchanged',
        'Suggested severity: Critical',
        'Base score',
        '9.8 (Critical)',
      ]),
    );
  });

  test('temporal and environmental scores are shown beside the base score', async () => {
    const card = await cvssCard(
      english,
      'cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:L/IR:L/AR:L',
    );
    const texts = cardTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Base score',
        '9.8 (Critical)',
        'Temporal score',
        '8.8 (High)',
        'Temporal metrics',
      ]),
    );
    expect(texts).toContain('Environmental score');
    expect(texts).toContain('Environmental metrics');
  });

  test('a v4.0 vector with threat metrics names the CVSS-BT score and keeps the CVSS-B one', async () => {
    const card = await cvssCard(
      english,
      'cvss CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U',
    );
    const texts = cardTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining([
        '5.2 Medium',
        'CVSS-BT score',
        '5.2 (Medium)',
        'CVSS-B score',
        '7.7 (High)',
        'This score takes into account base and threat metrics.',
        'Exploit Maturity',
        // The ticket keeps the base score, so the suggestion support sees comes from CVSS-B.
        'Suggested severity: High',
      ]),
    );
  });

  test('a vector with no impact scores 0.0 and suggests no severity', async () => {
    const card = await cvssCard(english, 'cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N');
    expect(cardTexts(card)).toEqual(
      expect.arrayContaining(['0.0 None', 'A score of 0.0 suggests no severity.']),
    );
  });

  test('the normalised vector drops Not Defined metrics', async () => {
    const card = await cvssCard(english, 'cvss   CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X  ');
    expect(monospaceRuns(card)).toEqual(['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H']);
  });

  test('a Russian speaker gets the score and the metrics in Russian', async () => {
    const card = await cvssCard(russian, 'cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    const texts = cardTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Оценка CVSS 3.1',
        '9,8 Критический',
        'Вектор атаки',
        'Сеть',
        'Предлагаемый уровень серьёзности: Критический',
      ]),
    );
  });

  test('a Russian speaker gets a v4.0 score in Russian', async () => {
    const card = await cvssCard(
      russian,
      'cvss CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/E:U',
    );
    expect(cardTexts(card)).toEqual(
      expect.arrayContaining([
        'Оценка CVSS 4.0',
        '5,6 Средний',
        'Оценка CVSS-BT',
        'Оценка CVSS-B',
        '8,3 (Высокий)',
      ]),
    );
  });

  test.each([
    [
      'a missing base metric',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H',
      'The base metric A is missing: a CVSS 3.1 vector must contain every base metric.',
    ],
    [
      'a metric given twice',
      'CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'The metric AV appears more than once; each metric may be given only once.',
    ],
    [
      'an undefined value',
      'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      '“X” is not a valid value of AV in CVSS 3.1.',
    ],
    [
      'a lower-case metric name',
      'CVSS:3.1/av:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      '“av” is not a CVSS 3.1 metric. Metric names are case-sensitive: AV, not av.',
    ],
    [
      'an unknown version',
      'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P',
      'A CVSS vector must start with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/, written exactly so; this one starts with “CVSS:2.0”.',
    ],
    [
      'a trailing slash',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/',
      'This is not a well-formed CVSS vector: it must be metric:value pairs joined by single slashes, with no spaces, empty parts or trailing slash.',
    ],
  ])('%s is named precisely', async (_what, vector, message) => {
    const card = await cvssCard(english, `cvss ${vector}`);
    const texts = cardTexts(card);
    expect(texts).toContain('This CVSS vector is not valid');
    expect(texts).toContain(message);
    expect(monospaceRuns(card)).toEqual([vector]);
    expect(actionTitles(card)).toEqual(['Open the CVSS calculator']);
  });

  test('the error is given in Russian to a Russian speaker', async () => {
    const card = await cvssCard(russian, 'cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H');
    expect(cardTexts(card)).toEqual(
      expect.arrayContaining([
        'Этот вектор CVSS недопустим',
        'Не хватает базовой метрики A: вектор CVSS 3.1 должен содержать все базовые метрики.',
      ]),
    );
  });

  test('a v4.0 vector out of order is refused, and the ordered vector is offered and scores when pressed', async () => {
    const card = await cvssCard(
      english,
      'cvss CVSS:4.0/AC:L/AV:N/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    );
    const ordered = 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(cardTexts(card)[1]).toMatch(
      /^AV is out of place: a CVSS 4.0 vector must list its metrics in the order/,
    );
    expect(monospaceRuns(card)).toEqual([
      'CVSS:4.0/AC:L/AV:N/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      ordered,
    ]);
    expect(actionTitles(card)).toEqual(['Score the reordered vector', 'Open the CVSS calculator']);

    const pressed = await english.submit({ cmd: 'cvss', vector: ordered });
    const [result] = cardsIn(pressed);
    expect(cardTexts(result)).toContain('7.7 High');
  });

  test('text in a refused vector is shown back as plain text, never as markdown or a link', async () => {
    const hostile = 'CVSS:3.1/AV:[click](https://evil.example)/**bold**<at>Alex</at>';
    const card = await cvssCard(english, `cvss ${hostile}`);
    expect(monospaceRuns(card)).toEqual([hostile]);
    // TextBlocks and facts render markdown in Teams; TextRuns do not.
    expect(markdownTexts(card).filter((text) => text.includes('evil.example'))).toEqual([]);
    expect(JSON.stringify(card)).toContain('evil.example');
  });

  test('"cvss" alone explains the command and opens the calculator', async () => {
    const card = await cvssCard(english, 'CVSS');
    const texts = cardTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining(['Score a CVSS vector', 'CVSS 3.1 calculator', 'Attack Vector']),
    );
    expect(actionTitles(card)).toEqual(['Calculate score', 'Switch to CVSS 3.0', 'Switch to CVSS 4.0']);
  });

  test('the command works in a group chat when the bot is mentioned', async () => {
    const chat = app.chat();
    const activity = chat.base('message', {
      text: '<at>Security Desk</at> cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      conversation: {
        id: `19:group-${Date.now()}@thread.v2`,
        conversationType: 'groupChat',
        isGroup: true,
        tenantId: chat.user.tenantId,
      },
    });
    activity.entities = [{ type: 'mention', text: '<at>Security Desk</at>', mentioned: activity.recipient }];
    const before = app.connector.calls.length;
    const response = await chat.post(activity);
    expect(response.status).toBe(200);
    const sent = app.connector.calls.slice(before).filter((c) => c.kind === 'send' || c.kind === 'reply');
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.body)).toContain('9.8 Critical');
  });
});
