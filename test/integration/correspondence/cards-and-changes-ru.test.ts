import { actionTitles, cardTexts } from '../../support/connector-stand-in';
import { startTestApp, type TestApp } from '../../support/test-app';
import { notifyEnv, sendsTo } from '../notify/notify-harness';
import { errorNextTo } from '../report/report-session';
import { call } from '../support-api/support-client';
import {
  answerCard,
  eventPayloads,
  fileThroughTheDialog,
  replacedCard,
  said,
  supportDoes,
  textsIn,
  updateShowing,
} from './correspondence-harness';

const supportKey = 'local-support-key-for-tests-0123456789abcdef';

describe('по-русски: карточки заявки говорят правду, издатель дополняет и отзывает заявку', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: notifyEnv });
  });
  afterAll(() => app.close());

  test('the confirmation card shows an outcome with what brings the offer back', async () => {
    const chat = app.chat({ locale: 'ru-RU' });
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    await supportDoes(app, number, { type: 'acknowledge', priority: 'P1', severity: 'Critical' });
    await updateShowing(app, cardId, 'Поддержка подтвердила получение вашей заявки');
    await supportDoes(app, number, {
      type: 'set_outcome',
      outcome: {
        kind: 'offer_removed',
        summary: 'Уязвимость эксплуатируется.',
        removal: 'temporary',
        reason: 'Клиенты под угрозой.',
        restoreSteps: 'Выпустите версию 2.4.2 и сообщите нам.',
      },
    });
    const card = await updateShowing(app, cardId, 'Поддержка приняла решение по вашей заявке');
    expect(cardTexts(card)).toEqual(
      expect.arrayContaining([
        'Решение: предложение снято с публикации в Marketplace',
        'Почему предложение снято с публикации',
        'Клиенты под угрозой.',
        'Что нужно, чтобы вернуть предложение',
        'Выпустите версию 2.4.2 и сообщите нам.',
      ]),
    );
    expect(actionTitles(card)).toEqual(
      expect.arrayContaining(['Отправить ответ поддержке', 'Добавить сведения', 'Отозвать эту заявку']),
    );
  });

  test('a revised CVSS vector is re-scored; a bad one is refused next to its box', async () => {
    const chat = app.chat({ locale: 'ru-RU' });
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const { card, id } = answerCard(await chat.send(`добавить ${number}`));
    expect(cardTexts(card)).toContain(`Добавить сведения в заявку ${number}`);
    const bad = await chat.submit(
      { cmd: 'add_information', confirmationNumber: number, cvssVector: 'CVSS:9/X', fixKind: 'unchanged' },
      id,
    );
    expect(errorNextTo(replacedCard(bad, id), 'cvssVector')).toBe(
      'Это не вектор CVSS 3.0, 3.1 или 4.0; для инцидента вектор не указывается.',
    );
    const added = await chat.submit(
      {
        cmd: 'add_information',
        confirmationNumber: number,
        cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N',
        fixKind: 'unchanged',
      },
      id,
    );
    expect(said(added)[0]).toMatch(
      new RegExp(`^Добавлено в заявку ${number}, поддержка уведомлена\\. Новый вектор даёт оценку 5,4 `),
    );
    const seen = await call(app.url, 'GET', `/api/support/tickets/${number}`, { token: supportKey });
    expect(seen.body.ticket).toMatchObject({ suggestedSeverity: 'Medium' });
    // The API is a machine format: the score stays a number there.
    expect(JSON.stringify(seen.body)).toContain('"baseScore":5.4');
    expect(await eventPayloads(app, number, 'information_added')).toHaveLength(1);
  });

  test('a withdrawal asks why, closes the report, and the confirmation card says so', async () => {
    const chat = app.chat({ locale: 'ru-RU' });
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    const { id } = answerCard(await chat.send(`отозвать ${number}`));
    const empty = await chat.submit({ cmd: 'withdraw_confirm', confirmationNumber: number, reason: '' }, id);
    expect(cardTexts(replacedCard(empty, id))).toContain('Укажите, почему вы отзываете заявку.');
    const done = await chat.submit(
      { cmd: 'withdraw_confirm', confirmationNumber: number, reason: 'Ошиблись предложением.' },
      id,
    );
    expect(said(done)).toEqual([`Заявка ${number} отозвана и закрыта. Поддержка уведомлена.`]);
    await updateShowing(app, cardId, 'Вы отозвали эту заявку');
  });

  test('a card Teams no longer has is replaced by a fresh status card in Russian', async () => {
    const chat = app.chat({ locale: 'ru-RU' });
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    app.connector.fail({
      status: 404,
      when: (c) => c.kind === 'update' && c.conversationId === chat.conversationId,
      times: 1,
    });
    const before = app.connector.calls.length;
    await supportDoes(app, number, { type: 'acknowledge', priority: 'P2', severity: 'High' });
    const [fresh] = await app.connector.waitFor(
      (c) => sendsTo(chat.conversationId)(c) && app.connector.calls.indexOf(c) >= before,
    );
    expect(textsIn(fresh)).toEqual(
      expect.arrayContaining(['Поддержка подтвердила получение вашей заявки', number]),
    );
  });
});
