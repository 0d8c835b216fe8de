import type { Locator } from 'playwright-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';

const CONFIRMATION_NUMBER = /SEC-[A-Z0-9]{4}-[A-Z0-9]{4}/;

/**
 * Yesterday where the publisher is, as the date input takes it: never "in the future" wherever the
 * client's clock says it is, and the 72 hours still run.
 */
function yesterdayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() - 86_400_000));
}

describe('a publisher reports an incident involving personal data and sees the GDPR 72-hour deadline', () => {
  const timeZone = 'Europe/Berlin';
  let session: E2eSession;

  beforeAll(async () => {
    session = await startE2eSession('incident-personal-data', { timeZone });
    await session.chat.reply('Welcome to Security Desk');
  });
  afterEach(async () => {
    await session.assertHealthy();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('answers "personal data: yes", and the status card shows the deadline with the mark-done button, which works', async () => {
    const { chat } = session;
    await chat.press('Report a security event');

    let card: Locator = await chat.reply('Step 1 of');
    await chat.choose(card, 'Category', 'Security incident');
    await chat.fill(card, 'Offer name', 'Fabrikam CRM');
    await chat.fill(card, 'Offer id', 'fabrikam.crm');
    await chat.fill(card, /^Short title/, 'Contact records exposed through the export API');
    await chat.press('Next', card);

    card = await chat.reply('Step 2 of 5');
    await chat.fill(
      card,
      /^Description/,
      'The export endpoint returned other tenants’ contact records for a crafted filter; we disabled it.',
    );
    await card.getByLabel('When was it discovered? (optional)').fill(yesterdayIn(timeZone));
    await chat.choose(card, 'Is it known to be exploited?', 'No');
    await chat.fill(
      card,
      /^What data or systems are involved/,
      'Names and e-mail addresses of customer contacts.',
    );
    await chat.choose(card, 'Is it still going on?', 'No');
    await chat.choose(card, 'Is personal data involved?', 'Yes');
    await chat.screenshot(card, 'step-details-personal-data');
    await chat.press('Next', card);

    card = await chat.reply('Step 3 of 5');
    await chat.choose(card, 'Is a fix available?', 'Yes, a full fix');
    await chat.fill(
      card,
      /^Remediation steps/,
      'Nothing to do: the endpoint is fixed and the old one is off.',
    );
    await chat.press('Next', card);

    card = await chat.reply('Step 4 of 5');
    await chat.choose(card, 'Message for customers', 'No message');
    await chat.press('Next', card);

    card = await chat.reply('Step 5 of 5');
    const review = await chat.textOf(card);
    expect(review).toContain('Personal data involved');
    await chat.press('Submit report', card);

    const submitted = await chat.reply('Your report has been submitted');
    await chat.screenshot(submitted, 'submitted-with-deadline');
    const text = await chat.textOf(submitted);
    const number = CONFIRMATION_NUMBER.exec(text)?.[0] ?? '';
    expect(number).toMatch(CONFIRMATION_NUMBER);
    expect(text).toContain('GDPR Art. 33: notify the supervisory authority');
    expect(text).toContain('The supervisory authority must be notified within 72 hours');
    expect(text).toContain('counted from the start of');
    expect(text).toContain('the date of discovery');

    await chat.markNow();
    await chat.press('I have notified the authority', submitted);
    await chat.reply(`Noted: the supervisory authority has been notified about report ${number}`);
  });
});
