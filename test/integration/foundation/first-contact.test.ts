import { actionTitles, cardTexts } from '../../support/connector-stand-in';
import { cardsIn } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';

describe('first contact in a personal chat', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test('installing the app greets the user once with a welcome card in English', async () => {
    const chat = app.chat({ locale: 'en-US' });
    const [added, installed] = await chat.install();
    const cards = [...cardsIn(added!), ...cardsIn(installed!)];
    expect(cards).toHaveLength(1);
    expect(cardTexts(cards[0])).toContain('Welcome to Security Desk');
    expect(actionTitles(cards[0])).toEqual(['Report a security event', 'My tickets', 'Help']);
  });

  test('a Russian-speaking user is welcomed in Russian', async () => {
    const chat = app.chat({ locale: 'ru-RU' });
    const results = await chat.install();
    const cards = results.flatMap(cardsIn);
    expect(cards).toHaveLength(1);
    expect(cardTexts(cards[0])).toContain('Добро пожаловать в Security Desk');
    expect(actionTitles(cards[0])).toEqual(['Сообщить о событии безопасности', 'Мои заявки', 'Справка']);
  });

  test('"help" answers with the help card listing every command', async () => {
    const chat = app.chat();
    const reply = await chat.send('help');
    const [card] = cardsIn(reply);
    const texts = cardTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining([
        'What I can do',
        'report',
        'my tickets',
        'status NUMBER',
        'cvss VECTOR',
        'cancel',
        'help',
      ]),
    );
    expect(texts).not.toContain("I didn't understand that message.");
  });

  test('"справка" answers with the help card in Russian', async () => {
    const chat = app.chat({ locale: 'ru-RU' });
    const [card] = cardsIn(await chat.send('Справка'));
    expect(cardTexts(card)).toEqual(
      expect.arrayContaining(['Что я умею', 'сообщить', 'мои заявки', 'отмена']),
    );
  });

  test("the welcome card's Help button shows the help card", async () => {
    const chat = app.chat();
    const [card] = cardsIn(await chat.submit({ cmd: 'help' }));
    expect(cardTexts(card)).toContain('What I can do');
  });

  test('text the bot does not understand gets the help card with a word saying so', async () => {
    const chat = app.chat();
    const [card] = cardsIn(await chat.send('what is the weather like'));
    expect(cardTexts(card)[0]).toBe("I didn't understand that message.");
    expect(cardTexts(card)).toContain('What I can do');
  });

  test('an @mention of the bot in front of a command is ignored', async () => {
    const chat = app.chat();
    const activity = chat.base('message', { text: '<at>Security Desk</at> help' });
    activity.entities = [{ type: 'mention', text: '<at>Security Desk</at>', mentioned: activity.recipient }];
    const [card] = cardsIn(await chat.post(activity));
    expect(cardTexts(card)).toContain('What I can do');
    expect(cardTexts(card)).not.toContain("I didn't understand that message.");
  });
});
