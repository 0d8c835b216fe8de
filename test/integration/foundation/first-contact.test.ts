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
    expect(actionTitles(cards[0])).toEqual(['Сообщить о событии', 'Мои заявки', 'Справка']);
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

  test('text that is no command is not an error: with no open report, it is offered as a new report', async () => {
    const chat = app.chat();
    const [card] = cardsIn(await chat.send('what is the weather like'));
    expect(cardTexts(card)[0]).toBe('What should I do with your message?');
    expect(cardTexts(card)).toContain('You have no open reports. Start a new report with your message?');
    expect(actionTitles(card)).toEqual(['Start a new report with it']);
    expect(JSON.stringify(card)).not.toContain("I didn't understand");
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

describe('outside a personal chat', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  function inConversation(conversationType: 'groupChat' | 'channel', locale = 'en-US') {
    const chat = app.chat({ locale });
    const conversation = {
      id: `19:${chat.conversationId.slice(2)}@thread.v2`,
      conversationType,
      tenantId: chat.user.tenantId,
    };
    const channelData =
      conversationType === 'channel'
        ? {
            tenant: { id: chat.user.tenantId },
            team: { id: '19:team@thread.tacv2' },
            channel: { id: conversation.id },
          }
        : { tenant: { id: chat.user.tenantId } };
    return {
      userId: chat.user.id,
      post: async (type: string, extra: Record<string, unknown>) => {
        const before = app.connector.calls.length;
        const result = await chat.post(chat.base(type, { conversation, channelData, ...extra }));
        const replies = app.connector.calls.slice(before).filter((c) => c.conversationId === conversation.id);
        return { ...result, replies };
      },
    };
  }

  test('added to a group chat, the bot says a short hello pointing to a personal chat, not the welcome card', async () => {
    const group = inConversation('groupChat');
    const result = await group.post('installationUpdate', { action: 'add' });
    expect(cardsIn(result)).toHaveLength(0);
    const [hello] = result.replies;
    expect(hello?.body.text).toMatch(
      /^Hello, <at>Alex Publisher<\/at>! I'm Security Desk\. .*open a chat with me to start/,
    );
    expect(hello?.body.text).not.toContain('register support channel');
  });

  test.each(['groupChat', 'channel'] as const)(
    'the hello in a %s @mentions the person who added the bot, with a mention entity',
    async (conversationType) => {
      const place = inConversation(conversationType);
      const result = await place.post('installationUpdate', { action: 'add' });
      const [hello] = result.replies;
      expect(hello?.body.text).toMatch(/^Hello, <at>Alex Publisher<\/at>! I'm Security Desk\./);
      expect(hello?.body.entities).toEqual([
        {
          type: 'mention',
          text: '<at>Alex Publisher</at>',
          mentioned: { id: expect.stringMatching(/^29:/), name: 'Alex Publisher' },
        },
      ]);
      const installer = (result.replies[0]?.body as { entities: Array<{ mentioned: { id: string } }> })
        .entities[0]?.mentioned.id;
      expect(installer).toBe(place.userId);
    },
  );

  test('an install event without the installer’s name (as Teams sends it) takes the name from the roster', async () => {
    const place = inConversation('channel');
    app.connector.members.set(place.userId, { name: 'Robin Roster' });
    const result = await place.post('installationUpdate', {
      action: 'add',
      from: { id: place.userId, aadObjectId: 'aad-robin' },
    });
    const lookup = app.connector.calls.find((c) => c.kind === 'member' && c.activityId === place.userId);
    expect(lookup?.status).toBe(200);
    const [hello] = result.replies.filter((c) => c.kind === 'send' || c.kind === 'reply');
    expect(hello?.body.text).toMatch(/^Hello, <at>Robin Roster<\/at>! I'm Security Desk\./);
    expect(hello?.body.entities).toEqual([
      {
        type: 'mention',
        text: '<at>Robin Roster</at>',
        mentioned: { id: place.userId, name: 'Robin Roster' },
      },
    ]);
  });

  test('with no name anywhere, the hello is plain and mentions no one', async () => {
    const place = inConversation('groupChat');
    const result = await place.post('installationUpdate', {
      action: 'add',
      from: { id: place.userId, aadObjectId: 'aad-nameless' },
    });
    const [hello] = result.replies.filter((c) => c.kind === 'send' || c.kind === 'reply');
    expect(hello?.body.text).toMatch(/^Hello! I'm Security Desk\./);
    expect(hello?.body.entities ?? []).toEqual([]);
  });

  test('the Russian hello @mentions the installer too', async () => {
    const result = await inConversation('groupChat', 'ru-RU').post('installationUpdate', { action: 'add' });
    expect(result.replies[0]?.body.text).toMatch(
      /^Здравствуйте, <at>Alex Publisher<\/at>! Я Security Desk\./,
    );
  });

  test('added to a team, the hello also tells support how to bind the channel', async () => {
    const team = inConversation('channel');
    const result = await team.post('installationUpdate', { action: 'add' });
    expect(result.replies[0]?.body.text).toContain('register support channel CODE');
  });

  test('"report" in a group chat keeps the details out of it and points to a personal chat, in Russian too', async () => {
    const english = await inConversation('groupChat').post('message', { text: 'report' });
    expect(english.replies.map((r) => r.body.text)).toEqual([
      'To keep the details confidential, security events are reported in a personal chat with me. Open a chat with Security Desk and type report there.',
    ]);
    const russian = await inConversation('groupChat', 'ru-RU').post('message', { text: 'сообщить' });
    expect(String(russian.replies[0]?.body.text)).toMatch(/^Чтобы сведения остались конфиденциальными/);
  });
});
