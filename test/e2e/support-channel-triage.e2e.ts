import { startE2eSession, type E2eSession } from './support/e2e-session';
import { fileVulnerabilityReport } from './support/file-vulnerability-report';
import { supportChannelCode } from './support/support-api';

describe("support triages a new report from its card in the team's support channel (English)", () => {
  let session: E2eSession;
  let code = '';
  let confirmationNumber = '';

  beforeAll(async () => {
    session = await startE2eSession('support-channel-triage');
    await session.chat.reply('Welcome to Security Desk');
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a code from the support API, posted in the channel to the bot, makes it the support channel', async () => {
    const { chat, channel, bot } = session;
    code = await supportChannelCode(bot);
    await channel.open('My Team - General');
    const post = await channel.post(`register support channel ${code}`);
    await channel.expectIn(post, 'This channel is now the support channel.');
    await chat.screenshot(post, 'channel-registered');
    expect(await channel.threadsWith(`register support channel ${code}`).count()).toBe(1);
  });

  it('the same code typed again is refused: a code works once', async () => {
    const { chat, channel } = session;
    const post = await channel.thread(`register support channel ${code}`);
    await channel.replyIn(post, `register support channel ${code}`);
    await channel.expectIn(post, 'That registration code has already been used.');
    await chat.screenshot(post, 'channel-code-used-twice');
  });

  it("a publisher's report filed in the personal chat appears in the channel as a triage card", async () => {
    const { chat, channel } = session;
    await chat.openConversation('Personal Chat');
    confirmationNumber = await fileVulnerabilityReport(chat, {
      offerName: 'Contoso Web Application Firewall',
      offerId: 'contoso.contoso-waf',
      title: 'SQL injection in the reporting API',
      description: 'The reporting API builds SQL from the sort parameter without escaping it.',
      affected: 'Every customer on versions 2.0 to 2.4.0.',
      cveIds: 'CVE-2024-12345',
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
      remediation: 'Upgrade to 2.4.1, or block the sort parameter at the gateway.',
    });

    await channel.open('My Team - General');
    const card = await channel.thread(`Vulnerability: security report ${confirmationNumber}`);
    await chat.screenshot(card, 'channel-card-new');
    const text = await chat.textOf(card);
    expect(text).toContain('SQL injection in the reporting API');
    expect(text).toContain('Contoso Web Application Firewall (contoso.contoso-waf)');
    expect(text).toContain('Submitted, waiting for acknowledgement');
    expect(text).toContain('Suggested severity (from CVSS) Medium');
    expect(text).toContain('Priority Not assigned yet');
    for (const title of ['Acknowledge…', 'Post a message…', 'Close…']) {
      await expect(card.getByRole('button', { name: title, exact: true }).isVisible()).resolves.toBe(true);
    }
    // One post per ticket: the card is a post of its own, not a reply under the registration.
    expect(await channel.threadsWith(confirmationNumber).count()).toBe(1);
  });

  it('Acknowledge, with a priority and a severity chosen on the card, updates that card in place', async () => {
    const { chat, channel } = session;
    const card = await channel.thread(`Vulnerability: security report ${confirmationNumber}`);
    await channel.press(card, 'Acknowledge…');
    await chat.choose(card, 'Priority', 'P2 — high: worked on every business day');
    await chat.choose(card, 'Severity', 'High');
    await chat.screenshot(card, 'channel-card-acknowledge-form');
    await channel.press(card, 'Acknowledge');

    await channel.expectIn(card, 'Card shows version 2 of the ticket.');
    await chat.screenshot(card, 'channel-card-acknowledged');
    const text = await chat.textOf(card);
    expect(text).toContain('State Acknowledged');
    expect(text).toContain('Priority P2');
    expect(text).toContain('Severity High');
    expect(text).not.toContain('Not assigned yet');
    // Acknowledged once: the card now offers the next steps instead.
    expect(await card.getByRole('button', { name: 'Acknowledge…', exact: true }).count()).toBe(0);
    await expect(
      card.getByRole('button', { name: 'Ask the publisher…', exact: true }).isVisible(),
    ).resolves.toBe(true);
    expect(await channel.threadsWith(confirmationNumber).count()).toBe(1);

    // Teams shows a press's answer to the presser only; for everyone else in the channel the bot updates
    // the post itself. The Playground receives that update (same post) but keeps drawing the answer.
    const forEveryone = await session.waitForCard((sent) => {
      const json = JSON.stringify(sent);
      return (
        sent.speak === `Vulnerability: security report ${confirmationNumber}` &&
        json.includes('Card shows version 2 of the ticket.') &&
        !json.includes('Saved by')
      );
    });
    expect(JSON.stringify(forEveryone)).toContain('"text":"P2"');
  });

  it("the publisher's personal chat gets the acknowledgement by itself, and the report card shows it", async () => {
    const { chat } = session;
    await chat.openConversation('Personal Chat');
    const notice = await chat.reply('Support has acknowledged your report');
    await chat.screenshot(notice, 'publisher-acknowledged-notification');
    const text = await chat.textOf(notice);
    expect(text).toContain(confirmationNumber);
    expect(text).toMatch(/\bP2\b/); // not a substring of a confirmation number such as SEC-T9AF-P2W9
    expect(text).toContain('High');

    // The card posted at submission tells the truth now: its heading and status moved on in place.
    const submitted = chat.botBubbles().filter({ hasText: 'Quote this number in all correspondence' });
    expect(await submitted.count()).toBe(1);
    const card = await chat.textOf(submitted);
    expect(card).toContain('Support has acknowledged your report');
    expect(card).toContain('Status Acknowledged');
    expect(card).not.toContain('Your report has been submitted');
  });
});
