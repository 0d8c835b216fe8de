import { renderCalculatorCard } from '../../../src/bot/cvss-calculator';
import { translate } from '../../../src/i18n/translate';
import {
  actionTitles,
  adaptiveCardsOf,
  cardTexts,
  type ConnectorCall,
} from '../../support/connector-stand-in';
import { cardsIn, type PostResult, type TeamsChat } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import { expectTeamsCard } from '../../support/teams-card-checks';

type Card = Record<string, unknown>;

/** Every element of a card of the given type, depth first. */
function elementsOf(card: unknown, type: string): Card[] {
  const out: Card[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Card;
    if (element.type === type) out.push(element);
    Object.values(element).forEach(visit);
  };
  visit(card);
  return out;
}

function choiceSets(card: unknown): Array<{ id: string; label: string; value: string; choices: string[] }> {
  return elementsOf(card, 'Input.ChoiceSet').map((input) => ({
    id: String(input.id),
    label: String(input.label),
    value: String(input.value ?? ''),
    choices: (input.choices as Array<{ value: string }>).map((choice) => choice.value),
  }));
}

function buttonData(card: unknown, title: string): Record<string, unknown> {
  const button = elementsOf(card, 'Action.Submit').find((action) => action.title === title);
  if (!button) throw new Error(`no button "${title}" on the card; buttons: ${actionTitles(card).join(', ')}`);
  return button.data as Record<string, unknown>;
}

/** The monospace runs: the vector a result card shows. */
function vectorsOn(card: unknown): string[] {
  return elementsOf(card, 'TextRun')
    .filter((run) => run.fontType === 'Monospace')
    .map((run) => String(run.text));
}

/** The card the bot put in place of the pressed one (the connector's update call). */
function updatedCard(result: PostResult, activityId: string): Card {
  const updates = result.replies.filter((call: ConnectorCall) => call.kind === 'update');
  expect(updates.map((call) => call.activityId)).toEqual([activityId]);
  expect(cardsIn(result)).toEqual([]);
  const [card] = adaptiveCardsOf(updates[0]!.body);
  expectTeamsCard(card);
  return card!;
}

const V31_CRITICAL = {
  metric_AV: 'N',
  metric_AC: 'L',
  metric_PR: 'N',
  metric_UI: 'N',
  metric_S: 'U',
  metric_C: 'H',
  metric_I: 'H',
  metric_A: 'H',
};

describe('the CVSS calculator card', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** Types `cvss` and returns the calculator card with the id Teams gave its message. */
  async function openCalculator(chat: TeamsChat): Promise<{ card: Card; id: string }> {
    const reply = await chat.send('cvss');
    const [sent] = reply.replies.filter((call) => call.kind === 'send' || call.kind === 'reply');
    const [card] = cardsIn(reply);
    expectTeamsCard(card);
    return { card: card!, id: sent!.newActivityId! };
  }

  test('offers one choice per CVSS 3.1 base metric, each with its label and help', async () => {
    const { card } = await openCalculator(app.chat());
    const sets = choiceSets(card);
    expect(sets.map((set) => set.id)).toEqual(Object.keys(V31_CRITICAL));
    expect(sets.map((set) => set.label)).toEqual([
      'Attack Vector',
      'Attack Complexity',
      'Privileges Required',
      'User Interaction',
      'Scope',
      'Confidentiality',
      'Integrity',
      'Availability',
    ]);
    expect(sets[0]!.choices).toEqual(['N', 'A', 'L', 'P']);
    expect(sets.every((set) => set.value === '')).toBe(true);
    expect(cardTexts(card)).toContain(
      'Where the attacker must be: the more remote the attacker can be, the higher the score.',
    );
  });

  test('choosing every metric and pressing Calculate turns the card into the vector and its score', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const result = await chat.submit({ ...buttonData(card, 'Calculate score'), ...V31_CRITICAL }, id);
    const scored = updatedCard(result, id);
    expect(cardTexts(scored)).toEqual(
      expect.arrayContaining(['CVSS 3.1 score', '9.8 Critical', 'Suggested severity: Critical']),
    );
    expect(vectorsOn(scored)).toEqual(['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H']);
    // Opened stand-alone, the result only shows the score.
    expect(actionTitles(scored)).toEqual(['Change my choices']);
  });

  test('a metric left unchosen is flagged next to it, and the other choices are kept', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const { metric_PR: _pr, metric_A: _a, ...partial } = V31_CRITICAL;
    const result = await chat.submit({ ...buttonData(card, 'Calculate score'), ...partial }, id);
    const again = updatedCard(result, id);
    const texts = cardTexts(again);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Please choose a value for Privileges Required.',
        'Please choose a value for Availability.',
      ]),
    );
    expect(texts.filter((text) => text.startsWith('Please choose a value'))).toHaveLength(2);
    // Each error sits right under its own choice.
    const containers = elementsOf(again, 'Container').filter((c) => choiceSets(c).length === 1);
    const flagged = containers
      .filter((c) => cardTexts(c).some((text) => text.startsWith('Please choose')))
      .map((c) => choiceSets(c)[0]!.id);
    expect(flagged).toEqual(['metric_PR', 'metric_A']);
    expect(choiceSets(again).map((set) => set.value)).toEqual(['N', 'L', '', 'N', 'U', 'H', 'H', '']);
  });

  test('a value the version does not define counts as unchosen', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const result = await chat.submit(
      { ...buttonData(card, 'Calculate score'), ...V31_CRITICAL, metric_AV: 'Z', metric_UI: { no: 1 } },
      id,
    );
    const texts = cardTexts(updatedCard(result, id));
    expect(texts).toContain('Please choose a value for Attack Vector.');
    expect(texts).toContain('Please choose a value for User Interaction.');
  });

  test('switching to CVSS 4.0 shows its eleven base metrics, keeping the choices that mean the same', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const result = await chat.submit(
      { ...buttonData(card, 'Switch to CVSS 4.0'), metric_AV: 'N', metric_PR: 'L', metric_UI: 'R' },
      id,
    );
    const v4 = updatedCard(result, id);
    expect(cardTexts(v4)).toContain('CVSS 4.0 calculator');
    const sets = choiceSets(v4);
    expect(sets.map((set) => set.id.replace('metric_', ''))).toEqual([
      'AV',
      'AC',
      'AT',
      'PR',
      'UI',
      'VC',
      'VI',
      'VA',
      'SC',
      'SI',
      'SA',
    ]);
    expect(sets.find((set) => set.id === 'metric_UI')!.choices).toEqual(['N', 'P', 'A']);
    expect(Object.fromEntries(sets.map((set) => [set.id, set.value]))).toMatchObject({
      metric_AV: 'N',
      metric_PR: 'L',
      metric_UI: '',
    });
    expect(actionTitles(v4)).toEqual(['Calculate score', 'Switch to CVSS 3.1']);

    const back = updatedCard(await chat.submit({ ...buttonData(v4, 'Switch to CVSS 3.1') }, id), id);
    expect(cardTexts(back)).toContain('CVSS 3.1 calculator');
  });

  test('a CVSS 4.0 calculation gives the CVSS-B score', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const v4 = updatedCard(await chat.submit(buttonData(card, 'Switch to CVSS 4.0'), id), id);
    const choices = {
      AV: 'N',
      AC: 'L',
      AT: 'P',
      PR: 'N',
      UI: 'P',
      VC: 'H',
      VI: 'H',
      VA: 'H',
      SC: 'N',
      SI: 'N',
      SA: 'N',
    };
    const inputs = Object.fromEntries(
      Object.entries(choices).map(([key, value]) => [`metric_${key}`, value]),
    );
    const scored = updatedCard(
      await chat.submit({ ...buttonData(v4, 'Calculate score'), ...inputs }, id),
      id,
    );
    expect(cardTexts(scored)).toEqual(expect.arrayContaining(['CVSS 4.0 score', '7.7 High', 'CVSS-B score']));
    expect(vectorsOn(scored)).toEqual(['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N']);
  });

  test('"Change my choices" brings the calculator back with the choices made', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const scored = updatedCard(
      await chat.submit({ ...buttonData(card, 'Calculate score'), ...V31_CRITICAL }, id),
      id,
    );
    const again = updatedCard(await chat.submit(buttonData(scored, 'Change my choices'), id), id);
    expect(choiceSets(again).map((set) => set.value)).toEqual(Object.values(V31_CRITICAL));
  });

  test('in Russian, the calculator and its result are in Russian', async () => {
    const chat = app.chat({ locale: 'ru-RU' });
    const { card, id } = await openCalculator(chat);
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['Калькулятор CVSS 3.1', 'Вектор атаки']));
    expect(actionTitles(card)).toEqual(['Рассчитать оценку', 'Перейти на CVSS 4.0']);
    const scored = updatedCard(
      await chat.submit({ ...buttonData(card, 'Рассчитать оценку'), ...V31_CRITICAL }, id),
      id,
    );
    expect(cardTexts(scored)).toEqual(expect.arrayContaining(['Оценка CVSS 3.1', '9.8 Критический']));
  });

  test('opened for a report, the result offers to use the vector, and hands it to the report dialog', async () => {
    // The whole round trip into an open draft is in report-lifecycle.test.ts; here no report is open
    // under the card's token, so the report dialog itself answers.
    const card = renderCalculatorCard('en', { version: '3.1', returnTo: 'report', token: 'draft-42' });
    const chat = app.chat();
    const id = 'activity-report-calculator';
    const scored = updatedCard(
      await chat.submit({ ...buttonData(card, 'Calculate score'), ...V31_CRITICAL }, id),
      id,
    );
    expect(actionTitles(scored)).toEqual(['Use this vector in my report', 'Change my choices']);

    const used = await chat.submit(buttonData(scored, 'Use this vector in my report'), id);
    expect(used.replies.map((call) => call.body.text)).toContain(translate('en', 'report.flow.notOpen'));
  });

  test('a tampered "use" button with a malformed vector never reaches the report', async () => {
    const chat = app.chat();
    const reply = await chat.submit({
      cmd: 'cvss-calc',
      action: 'use',
      returnTo: 'report',
      vector: 'CVSS:3.1/AV:N',
    });
    expect(cardTexts(cardsIn(reply)[0])).toContain('This CVSS vector is not valid');
    // The report dialog never saw it: it would have answered that no report is open.
    expect(reply.replies.map((call) => call.body.text)).not.toContain(translate('en', 'report.flow.notOpen'));
  });
});
