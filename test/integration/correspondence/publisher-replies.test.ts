import { DraftStore } from '../../../src/bot/report/draft-store';
import { actionTitles, cardTexts } from '../../support/connector-stand-in';
import { cardsIn } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import { call } from '../support-api/support-client';
import { inputOf } from '../report/report-session';
import { sendsTo, notifyEnv } from '../notify/notify-harness';
import {
  cardOf,
  eventPayloads,
  fileThroughTheDialog,
  historyTypes,
  said,
  supportDoes,
  updateShowing,
  textsIn,
  updatesOf,
} from './correspondence-harness';

const supportKey = 'local-support-key-for-tests-0123456789abcdef';

const words = {
  en: {
    awaitingHeading: 'Support is waiting for your answer',
    assessingHeading: 'Support is assessing your report',
    offerTitle: 'What should I do with your message?',
    sendAnswer: 'Send as my answer',
    answered: (n: string) =>
      `Thank you: your answer was added to report ${n}. Support continues the assessment.`,
    answeredQuestion: "You answered support's question",
    sent: (n: string) => `Your message was added to report ${n}, and support has been told.`,
    notFound: (n: string) =>
      `No open report ${n} was found among your organisation's reports, so nothing was sent. Type my tickets to see your reports.`,
    reply: 'reply',
  },
  ru: {
    awaitingHeading: 'Поддержка ждёт вашего ответа',
    assessingHeading: 'Поддержка оценивает вашу заявку',
    offerTitle: 'Что сделать с вашим сообщением?',
    sendAnswer: 'Отправить как мой ответ',
    answered: (n: string) => `Спасибо: ваш ответ добавлен в заявку ${n}. Поддержка продолжает оценку.`,
    answeredQuestion: 'Вы ответили на вопрос поддержки',
    sent: (n: string) => `Ваше сообщение добавлено в заявку ${n}, поддержка уведомлена.`,
    notFound: (n: string) =>
      `Открытая заявка ${n} не найдена среди заявок вашей организации, поэтому ничего не отправлено. Введите «мои заявки», чтобы увидеть свои заявки.`,
    reply: 'ответить',
  },
} as const;

describe.each([
  { language: 'en' as const, locale: 'en-US' },
  { language: 'ru' as const, locale: 'ru-RU' },
])('the publisher writes to support after submission ($language)', ({ language, locale }) => {
  const w = words[language];
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: notifyEnv });
  });
  afterAll(() => app.close());

  test("a typed answer to support's question: offered in one press, sent, and every card tells the truth", async () => {
    const chat = app.chat({ locale });
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    await supportDoes(app, number, { type: 'acknowledge', priority: 'P2', severity: 'High' });
    await supportDoes(app, number, {
      type: 'ask_question',
      question: 'Is the image on Docker Hub affected too?',
    });
    const [, questionCall] = await app.connector.waitFor(sendsTo(chat.conversationId), 2);
    const questionId = questionCall!.newActivityId!;
    await updateShowing(app, cardId, w.awaitingHeading);

    // Typed in the chat, naming the ticket: not "I didn't understand".
    const typed = `${number}: the image was also mirrored to Docker Hub`;
    const offered = await chat.send(typed);
    const [offer] = cardsIn(offered);
    expect(cardTexts(offer)[0]).toBe(w.offerTitle);
    expect(cardTexts(offer).join('\n')).toContain(number);
    expect(actionTitles(offer)[0]).toBe(w.sendAnswer);
    expect(inputOf(offer!, 'reply')).toMatchObject({ value: typed });
    expect(await historyTypes(app, number)).not.toContain('question_answered');

    const pressed = await chat.submit(
      { cmd: 'reply', confirmationNumber: number, reply: typed },
      offered.replies[0]!.newActivityId,
    );
    expect(said(pressed)).toEqual([w.answered(number)]);
    expect(await eventPayloads(app, number, 'question_answered')).toEqual([{ answer: typed }]);

    // The question card now shows the answer and when it was sent; the confirmation card moved on.
    const [questionUpdate] = await app.connector.waitFor(updatesOf(questionId), 1);
    expect(textsIn(questionUpdate)).toEqual(expect.arrayContaining([w.answeredQuestion, typed]));
    expect(actionTitles(cardOf(questionUpdate))).toEqual([]);
    await updateShowing(app, cardId, w.assessingHeading);
  });

  test('reply NUMBER text when nothing is asked: a message on the ticket, in the timeline, visible to support', async () => {
    const chat = app.chat({ locale });
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const typed = await chat.send(`${w.reply} ${number} We pushed 2.4.2 with a second fix.`);
    expect(said(typed)).toEqual([w.sent(number)]);

    const seen = await call(app.url, 'GET', `/api/support/tickets/${number}`, { token: supportKey });
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).toContain('We pushed 2.4.2 with a second fix.');

    await supportDoes(app, number, { type: 'post_message', message: 'Thanks, we are checking 2.4.2.' });
    const status = await chat.send(`status ${number}`);
    const timeline = cardTexts(cardsIn(status)[0]);
    expect(timeline).toEqual(
      expect.arrayContaining(['We pushed 2.4.2 with a second fix.', 'Thanks, we are checking 2.4.2.']),
    );
  });

  test('a double press of a reply box sends once', async () => {
    const chat = app.chat({ locale });
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    const press = { cmd: 'reply', confirmationNumber: number, reply: 'One more detail: port 8443 too.' };
    const [first, second] = await Promise.all([chat.submit(press, cardId), chat.submit(press, cardId)]);
    // One press is answered as sent; a second still in flight is answered nothing, or the same.
    const answers = [...said(first), ...said(second)];
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers.every((text) => text === w.sent(number))).toBe(true);
    expect(await eventPayloads(app, number, 'message_posted')).toEqual([
      { message: 'One more detail: port 8443 too.' },
    ]);
    // Pressing again later, on the same card with the same text, still sends it once.
    await chat.submit(press, cardId);
    expect(await eventPayloads(app, number, 'message_posted')).toHaveLength(1);
  });

  test('an over-long reply is refused with its length and the limit, and handed back whole', async () => {
    const chat = app.chat({ locale });
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    const long = `${'Подробности. '.repeat(316)}конец`.slice(0, 4105);
    expect([...long]).toHaveLength(4105);
    const result = await chat.submit({ cmd: 'reply', confirmationNumber: number, reply: long }, cardId);
    const [card] = cardsIn(result);
    expect(cardTexts(card).join('\n')).toMatch(
      language === 'en'
        ? /4,105 characters; the limit is 4,000/
        : /4\u00a0105 символов, а можно не больше 4\u00a0000/,
    );
    expect(inputOf(card!, 'reply')).toMatchObject({ value: long });
    expect(JSON.stringify(card)).not.toContain('maxLength');
    expect(await historyTypes(app, number)).toEqual(['submitted']);
  });

  test('another tenant, an unknown number and a closed ticket read the same; an empty reply is refused', async () => {
    const chat = app.chat({ locale });
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const stranger = app.chat({ locale, tenantId: '99999999-0000-4000-8000-000000000009' });
    await stranger.install();
    const foreign = await stranger.send(`${w.reply} ${number} let me in`);
    const unknown = await chat.send(`${w.reply} SEC-2345-6789 anything`);
    expect(said(foreign)).toEqual([w.notFound(number)]);
    expect(said(unknown)).toEqual([w.notFound('SEC-2345-6789')]);
    // A card's number that is no number is shown back with its cut marked and nothing hidden in it.
    const forged = await chat.submit({
      cmd: 'reply',
      confirmationNumber: `\u202e${'SEC-'.repeat(15)}`,
      reply: 'hello',
    });
    expect(said(forged)).toEqual([w.notFound(`?${'SEC-'.repeat(15).slice(0, 39)}…`)]);

    const empty = await chat.submit({ cmd: 'reply', confirmationNumber: number, reply: '   ' });
    expect(said(empty)).toHaveLength(1);
    expect(said(empty)[0]).toContain(number);

    await supportDoes(app, number, { type: 'close', reason: 'withdrawn' });
    const closed = await chat.send(`${w.reply} ${number} still there?`);
    expect(said(closed)).toEqual([w.notFound(number)]);
    expect(await historyTypes(app, number)).toEqual(['submitted', 'closed']);
  });
});

describe('free text in the personal chat (en)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: notifyEnv });
  });
  afterAll(() => app.close());

  test.each([
    ['hi', 'Welcome to Security Desk'],
    ['Hello!', 'Welcome to Security Desk'],
    ['привет', 'Добро пожаловать в Security Desk'],
  ])('%s gets a welcome, not an error', async (text, title) => {
    const chat = app.chat({ locale: text === 'привет' ? 'ru-RU' : 'en-US' });
    const [card] = cardsIn(await chat.send(text));
    expect(cardTexts(card)).toContain(title);
    expect(JSON.stringify(card)).not.toMatch(/didn't understand|не понял/);
  });

  test('"I found a vulnerability in my offer" is offered as a vulnerability report that starts with those words', async () => {
    const chat = app.chat();
    const said = 'I found a vulnerability in my offer';
    const offered = await chat.send(said);
    const [offer] = cardsIn(offered);
    expect(actionTitles(offer)).toEqual(['Report a vulnerability with it']);
    const started = await chat.submit(
      { cmd: 'report', fromMessage: true, reply: said },
      offered.replies[0]!.newActivityId,
    );
    const [step] = cardsIn(started);
    expect(cardTexts(step)).toContain('Step 1 of 6');
    const draft = await app.app.store.db.selectFrom('bot_state').select('document').execute();
    expect(draft.map((row) => row.document).join('\n')).toContain(said);
  });

  test('a reply while a report draft is open leaves the draft as it was', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const opened = await chat.send('report');
    const draftCardId = opened.replies[0]!.newActivityId!;
    const before = await app.app.store.db.selectFrom('bot_state').select(['key', 'document']).execute();
    const replied = await chat.send(`reply ${number} an update while I draft another one`);
    expect(said(replied)).toEqual([words.en.sent(number)]);
    const after = await app.app.store.db.selectFrom('bot_state').select(['key', 'document']).execute();
    const drafts = (rows: typeof before) =>
      rows.filter((row) => row.key.startsWith(DraftStore.prefix)).map((r) => r.document);
    expect(drafts(before).join('\n')).toContain('"status":"open"');
    expect(drafts(after)).toEqual(drafts(before));
    expect(draftCardId).toBeDefined();
  });
});
