import { cardTexts } from '../support/connector-stand-in';
import { startE2eSession, type E2eSession } from './support/e2e-session';
import { CONFIRMATION_NUMBER, fileVulnerabilityReport } from './support/file-vulnerability-report';
import { supportAction } from './support/support-api';

describe('after submission the publisher and support talk in the chat (English)', () => {
  let session: E2eSession;
  let number = '';

  beforeAll(async () => {
    session = await startE2eSession('correspondence');
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a greeting gets a welcome, not an error', async () => {
    const { chat } = session;
    await chat.reply('Welcome to Security Desk');
    await chat.say('hi');
    const welcome = await chat.reply('Welcome to Security Desk');
    await chat.screenshot(welcome, 'greeting-welcome');
    expect(await chat.textOf(welcome)).not.toContain("I didn't understand");
  });

  it("support's question answered by typing in the chat: offered, sent with one press, shown on the question card", async () => {
    const { chat, bot } = session;
    number = await fileVulnerabilityReport(chat, {
      offerName: 'Contoso Registry',
      offerId: 'contoso.registry',
      title: 'Registry token exposed in image layer',
      description: 'A build step copied the registry token into a public image layer.',
      affected: 'Customers who pulled the 3.2 image.',
      cveIds: 'CVE-2026-40001',
      remediation: 'Rotate the registry token and pull 3.2.1.',
    });
    expect(number).toMatch(CONFIRMATION_NUMBER);
    await supportAction(bot, number, 'acknowledge', { priority: 'P2', severity: 'High' });
    await chat.markNow();
    await supportAction(bot, number, 'questions', {
      question: 'Was the image also published anywhere else?',
    });
    await chat.reply('Support has a question about your report');

    const typed = `${number}: the image was also mirrored to Docker Hub`;
    await chat.say(typed);
    const offer = await chat.reply('What should I do with your message?');
    await chat.screenshot(offer, 'free-text-offer');
    expect(await chat.textOf(offer)).toContain(`Support is waiting for your answer on ${number}`);
    await chat.press('Send as my answer', offer);
    const thanks = await chat.reply(`your answer was added to report ${number}`);
    await chat.screenshot(thanks, 'typed-answer-sent');

    const answered = await session.waitForCard((card) =>
      cardTexts(card).includes("You answered support's question"),
    );
    expect(cardTexts(answered)).toContain(typed);
    await chat.screenshotPage('question-card-shows-the-answer');
  });

  it("the confirmation card shows support's outcome with its next steps", async () => {
    const { chat, bot } = session;
    await chat.markNow();
    await supportAction(bot, number, 'outcome', {
      outcome: {
        kind: 'change_requested',
        summary: 'The token gave write access to the registry.',
        whatMustChange: 'Remove the token from every published layer.',
        dueBy: '2030-01-15',
      },
    });
    await chat.reply('Support has finished assessing your report');
    const confirmation = await session.waitForCard(
      (card) =>
        cardTexts(card).includes('Support has decided on your report') && cardTexts(card).includes(number),
    );
    expect(cardTexts(confirmation)).toEqual(
      expect.arrayContaining([
        'Outcome: a change to the offer is requested',
        'Remove the token from every published layer.',
        'Due by',
      ]),
    );
    // The card posted at submission, updated in place: the page draws it where it was.
    const drawn = chat.botBubbles().filter({ hasText: 'Support has decided on your report' }).first();
    await drawn.waitFor({ timeout: 15_000 });
    await chat.screenshot(drawn, 'confirmation-card-with-outcome');
    expect(await chat.textOf(drawn)).toContain('Remove the token from every published layer.');
  });
});
