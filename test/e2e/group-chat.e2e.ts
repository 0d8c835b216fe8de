import { startE2eSession, type E2eSession } from './support/e2e-session';
import { PLAYGROUND_BOT_NAME } from './support/playground-chat';

// In a group chat (as in Teams) the bot hears only messages that @mention it, so each one does.
const mention = PLAYGROUND_BOT_NAME;

describe('Security Desk in a group chat (English)', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await startE2eSession('group-chat-en');
    await session.chat.reply('Welcome to Security Desk');
    await session.chat.openConversation('Group Chat');
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('added to the chat, the bot says hello once, with no welcome card', async () => {
    const { chat } = session;
    const hellos = chat.botBubbles().filter({ hasText: "I'm Security Desk." });
    await hellos.first().waitFor();
    await chat.screenshot(hellos.first(), 'hello');
    expect(await hellos.count()).toBe(1);
    // The person who added the bot is @mentioned (the Playground's user is Alex Wilber).
    expect(await chat.textOf(hellos.first())).toContain("Hello, Alex Wilber! I'm Security Desk.");
    expect(await chat.textOf(hellos.first())).toContain('open a chat with me to start');
    expect(await chat.textOf(hellos.first())).not.toContain('register support channel');
    expect(await chat.botBubbles().filter({ hasText: 'Welcome to Security Desk' }).count()).toBe(0);
  });

  it('@mentioned with help, it lists the commands', async () => {
    const { chat } = session;
    await chat.say('help', { mention });
    const help = await chat.reply('What I can do');
    await chat.screenshot(help, 'help');
    const text = await chat.textOf(help);
    expect(text).toContain('Report a security incident or a vulnerability about one of your offers.');
    expect(text).toContain('status NUMBER');
  });

  it('@mentioned with report, it keeps the details out of the group chat and points to a personal chat', async () => {
    const { chat } = session;
    await chat.say('report', { mention });
    const answer = await chat.reply('To keep the details confidential');
    await chat.screenshot(answer, 'report-redirected');
    expect(await chat.textOf(answer)).toContain('Open a chat with Security Desk and type report there.');
    expect(await chat.botBubbles().filter({ hasText: 'Step 1 of' }).count()).toBe(0);
  });

  it('a support channel cannot be registered here: it says so', async () => {
    const { chat } = session;
    await chat.say('register support channel 7K3M-9QXD', { mention });
    const refused = await chat.reply('A support channel can only be registered in a team channel.');
    await chat.screenshot(refused, 'register-refused');
  });
});
