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
  // A checked vector is a wrapping TextBlock (it wraps on a phone); an echoed one a TextRun.
  return [...elementsOf(card, 'TextRun'), ...elementsOf(card, 'TextBlock')]
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

/** A version switch: the calculator in the new version as a new message (the pressed card is left as it was). */
function sentCard(result: PostResult): { card: Card; id: string } {
  expect(result.replies.filter((call: ConnectorCall) => call.kind === 'update')).toEqual([]);
  const sent = result.replies.filter((call: ConnectorCall) => call.kind === 'send' || call.kind === 'reply');
  expect(sent).toHaveLength(1);
  const [card] = adaptiveCardsOf(sent[0]!.body);
  expectTeamsCard(card);
  return { card: card!, id: sent[0]!.newActivityId! };
}

const V31_CRITICAL = {
  cvss31_AV: 'N',
  cvss31_AC: 'L',
  cvss31_PR: 'N',
  cvss31_UI: 'N',
  cvss31_S: 'U',
  cvss31_C: 'H',
  cvss31_I: 'H',
  cvss31_A: 'H',
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
    const { cvss31_PR: _pr, cvss31_A: _a, ...partial } = V31_CRITICAL;
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
    expect(flagged).toEqual(['cvss31_PR', 'cvss31_A']);
    expect(choiceSets(again).map((set) => set.value)).toEqual(['N', 'L', '', 'N', 'U', 'H', 'H', '']);
  });

  test('a value the version does not define counts as unchosen', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const result = await chat.submit(
      { ...buttonData(card, 'Calculate score'), ...V31_CRITICAL, cvss31_AV: 'Z', cvss31_UI: { no: 1 } },
      id,
    );
    const texts = cardTexts(updatedCard(result, id));
    expect(texts).toContain('Please choose a value for Attack Vector.');
    expect(texts).toContain('Please choose a value for User Interaction.');
  });

  test('switching to CVSS 4.0 sends a new card with its eleven base metrics under 4.0 ids, keeping the choices that mean the same', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const result = await chat.submit(
      { ...buttonData(card, 'Switch to CVSS 4.0'), cvss31_AV: 'N', cvss31_PR: 'L', cvss31_UI: 'R' },
      id,
    );
    const { card: v4, id: v4Id } = sentCard(result);
    expect(cardTexts(v4)).toContain('CVSS 4.0 calculator');
    const sets = choiceSets(v4);
    // New ids: a client that keeps an input's state by id must not show 3.1's lists in 4.0's inputs.
    expect(sets.map((set) => set.id)).toEqual(
      ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'].map((key) => `cvss40_${key}`),
    );
    expect(sets.find((set) => set.id === 'cvss40_UI')!.choices).toEqual(['N', 'P', 'A']);
    expect(Object.fromEntries(sets.map((set) => [set.id, set.value]))).toMatchObject({
      cvss40_AV: 'N',
      cvss40_PR: 'L',
      cvss40_UI: '',
    });
    expect(actionTitles(v4)).toEqual(['Calculate score', 'Switch to CVSS 3.0', 'Switch to CVSS 3.1']);

    const { card: back } = sentCard(await chat.submit({ ...buttonData(v4, 'Switch to CVSS 3.1') }, v4Id));
    expect(cardTexts(back)).toContain('CVSS 3.1 calculator');
    expect(choiceSets(back).map((set) => set.id)).toEqual(Object.keys(V31_CRITICAL));
  });

  test('the calculator offers CVSS 3.0 too, and a 3.0 calculation stays 3.0', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const { card: v30, id: v30Id } = sentCard(
      await chat.submit({ ...buttonData(card, 'Switch to CVSS 3.0'), ...V31_CRITICAL }, id),
    );
    expect(cardTexts(v30)).toContain('CVSS 3.0 calculator');
    const sets = choiceSets(v30);
    expect(sets.map((set) => set.id)).toEqual(Object.keys(V31_CRITICAL).map((k) => k.replace('31', '30')));
    // 3.0 and 3.1 share their base metrics: every choice carries over.
    expect(sets.map((set) => set.value)).toEqual(Object.values(V31_CRITICAL));
    expect(actionTitles(v30)).toEqual(['Calculate score', 'Switch to CVSS 3.1', 'Switch to CVSS 4.0']);
    const inputs = Object.fromEntries(sets.map((set) => [set.id, set.value]));
    const scored = updatedCard(
      await chat.submit({ ...buttonData(v30, 'Calculate score'), ...inputs }, v30Id),
      v30Id,
    );
    expect(cardTexts(scored)).toEqual(expect.arrayContaining(['CVSS 3.0 score', '9.8 Critical']));
    expect(vectorsOn(scored)).toEqual(['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H']);
    // "Change my choices" brings back the 3.0 calculator, not 3.1.
    const again = updatedCard(await chat.submit(buttonData(scored, 'Change my choices'), v30Id), v30Id);
    expect(cardTexts(again)).toContain('CVSS 3.0 calculator');
  });

  test('a 3.0 vector opened in the calculator keeps its version', async () => {
    // The report dialog opens the calculator with the publisher's vector (report-lifecycle.test.ts
    // goes through the dialog); the card it renders is this one.
    const card = renderCalculatorCard('en', {
      version: '3.0',
      choices: { AV: 'A', AC: 'H', PR: 'L', UI: 'R', S: 'C', C: 'L', I: 'N', A: 'N' },
      returnTo: 'report',
      token: 'draft-30',
    });
    expectTeamsCard(card);
    expect(cardTexts(card)).toContain('CVSS 3.0 calculator');
    expect(choiceSets(card).map((set) => `${set.id}=${set.value}`)).toEqual([
      'cvss30_AV=A',
      'cvss30_AC=H',
      'cvss30_PR=L',
      'cvss30_UI=R',
      'cvss30_S=C',
      'cvss30_C=L',
      'cvss30_I=N',
      'cvss30_A=N',
    ]);
    expect(buttonData(card, 'Calculate score')).toMatchObject({ version: '3.0' });
  });

  test('a CVSS 4.0 calculation gives the CVSS-B score', async () => {
    const chat = app.chat();
    const { card, id } = await openCalculator(chat);
    const { card: v4, id: v4Id } = sentCard(await chat.submit(buttonData(card, 'Switch to CVSS 4.0'), id));
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
      Object.entries(choices).map(([key, value]) => [`cvss40_${key}`, value]),
    );
    const scored = updatedCard(
      await chat.submit({ ...buttonData(v4, 'Calculate score'), ...inputs }, v4Id),
      v4Id,
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
    expect(actionTitles(card)).toEqual(['Рассчитать оценку', 'Перейти на CVSS 3.0', 'Перейти на CVSS 4.0']);
    const scored = updatedCard(
      await chat.submit({ ...buttonData(card, 'Рассчитать оценку'), ...V31_CRITICAL }, id),
      id,
    );
    expect(cardTexts(scored)).toEqual(expect.arrayContaining(['Оценка CVSS 3.1', '9,8 Критический']));
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
