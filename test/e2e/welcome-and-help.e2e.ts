import { startE2eSession, type E2eSession } from './support/e2e-session';

describe('a publisher installs Security Desk and asks what it can do (English)', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await startE2eSession('welcome-and-help-en');
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('installing the app shows one welcome card with a button for each next step', async () => {
    const { chat } = session;
    const welcome = await chat.reply('Welcome to Security Desk');
    await chat.screenshot(welcome, 'welcome');

    for (const title of ['Report a security event', 'My tickets', 'Help']) {
      await expect(welcome.getByRole('button', { name: title, exact: true }).isVisible()).resolves.toBe(true);
    }
    // Teams sends both an installationUpdate and a conversationUpdate on install; one welcome is enough.
    const welcomes = await chat.botBubbles().filter({ hasText: 'Welcome to Security Desk' }).count();
    expect(welcomes).toBe(1);
  });

  it('typing help shows the commands, each with what it does', async () => {
    const { chat } = session;
    await chat.say('help');
    const help = await chat.reply('What I can do');
    await chat.screenshot(help, 'help-typed');

    const text = await chat.textOf(help);
    expect(text).toContain('report');
    expect(text).toContain('Report a security incident or a vulnerability about one of your offers.');
    expect(text).toContain('status NUMBER');
    expect(text).toContain('cvss VECTOR');
  });

  it("the welcome card's Help button shows the same commands", async () => {
    const { chat } = session;
    await chat.press('Help', chat.botBubbles().filter({ hasText: 'Welcome to Security Desk' }).first());
    const help = await chat.reply('What I can do');
    expect(await chat.textOf(help)).toContain('Show this list.');
  });

  it('a report started and then cancelled says nothing was filed', async () => {
    const { chat } = session;
    await chat.press(
      'Report a security event',
      chat.botBubbles().filter({ hasText: 'Welcome to Security Desk' }).first(),
    );
    await chat.reply('Step 1 of');
    await chat.say('cancel');
    const closed = await chat.reply('Report cancelled');
    await chat.screenshot(closed, 'report-cancelled');
    expect(await chat.textOf(closed)).toContain('Nothing was filed.');
  });

  it('a message that is no command is not an error: it is offered as a new report', async () => {
    const { chat } = session;
    await chat.say('what is the weather like');
    const offer = await chat.reply('What should I do with your message?');
    await chat.screenshot(offer, 'free-text-offer');
    const text = await chat.textOf(offer);
    expect(text).toContain('You have no open reports. Start a new report with your message?');
    expect(text).not.toContain("I didn't understand");
  });
});

describe('a publisher whose Teams is in Russian', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await startE2eSession('welcome-and-help-ru', { locale: 'ru-RU', timeZone: 'Europe/Moscow' });
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('is welcomed in Russian', async () => {
    const { chat } = session;
    const welcome = await chat.reply('Добро пожаловать в Security Desk');
    await chat.screenshot(welcome, 'welcome');
    expect(await chat.textOf(welcome)).not.toContain('Welcome to Security Desk');
  });

  it('typing справка shows the commands in Russian', async () => {
    const { chat } = session;
    await chat.say('справка');
    const help = await chat.reply('Что я умею');
    await chat.screenshot(help, 'help-typed');
    const text = await chat.textOf(help);
    expect(text).toContain('мои заявки');
    expect(text).toContain('статус НОМЕР');
  });
});
