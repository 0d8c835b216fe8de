import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import { fullFix, vulnerabilityData, vulnerabilityDetails, vulnerabilityKind } from './report-answers';
import { errorNextTo, inputOf, ReportSession } from './report-session';
import { storedTicket, confirmationNumberOn } from './stored-ticket';

describe('help with the message for customers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ clock: new FixedClock('2026-11-24T10:00:00.000Z') });
  });
  afterAll(() => app.close());

  async function atMessageStep(locale: string) {
    const session = new ReportSession(app.chat({ locale }));
    await session.say('report');
    await session.press('next', vulnerabilityKind);
    await session.press('next', vulnerabilityDetails);
    await session.press('next', vulnerabilityData);
    await session.press('next', fullFix);
    return session;
  }

  test('"Help me draft it" fills the box with a notice built from the report, which the publisher edits and files', async () => {
    const session = await atMessageStep('en-US');
    await session.press('next', { messageChoice: 'draft', customerMessage: '' });

    const drafted = String(inputOf(session.card, 'customerMessage')?.value);
    expect(drafted.split('\n\n')[0]).toBe('Security advisory: SQL injection in the reporting API');
    expect(drafted).toContain('affecting Contoso WAF, Contoso Gateway.');
    expect(drafted).toContain('This issue is tracked as CVE-2026-12345, CVE-2026-12346.');
    expect(drafted).toContain('Its severity is Critical (CVSS 3.1 base score 9.8).');
    expect(drafted).toContain('A fix is available. To protect your deployment:\nUpgrade to 2.4.1.');
    expect(drafted).not.toContain('builds SQL from the sort parameter');
    expect(errorNextTo(session.card, 'customerMessage')).toMatch(/^Here is a draft built from your report/);

    // Sent as drafted, the [brackets] are pointed out; the publisher fills them in and goes on.
    await session.press('next', { messageChoice: 'draft', customerMessage: drafted });
    expect(errorNextTo(session.card, 'customerMessage')).toMatch(
      /^It still contains \[Describe in plain words/,
    );
    const edited = drafted
      .replace(/\[Describe in plain words[^\]]*\]/, 'Versions 2.0 to 2.4.0 let an attacker read any table.')
      .replace('[your support contact]', 'security@contoso.example');
    await session.press('next', { messageChoice: 'draft', customerMessage: edited });
    expect(session.texts()).toContain('Review your report');

    await session.press('submit');
    const row = await storedTicket(app, confirmationNumberOn(session.card));
    expect(row?.report).toMatchObject({ customerMessage: edited });
  });

  test('the draft comes in Russian for a Russian-speaking publisher', async () => {
    const session = await atMessageStep('ru-RU');
    await session.press('next', { messageChoice: 'draft', customerMessage: '' });
    const drafted = String(inputOf(session.card, 'customerMessage')?.value);
    expect(drafted.split('\n\n')[0]).toBe('Уведомление о безопасности: SQL injection in the reporting API');
    expect(drafted).toContain('Уровень серьёзности: критический (базовая оценка CVSS 3.1: 9.8).');
  });

  test("a pasted secret in the publisher's own message is pointed out once; Next again keeps the text", async () => {
    const session = await atMessageStep('en-US');
    const message =
      'Contoso WAF and Contoso Gateway are affected by CVE-2026-12345 and CVE-2026-12346. Upgrade to 2.4.1. Admin password=Sup3rS3cret!';
    await session.press('next', { messageChoice: 'have', customerMessage: message });
    expect(errorNextTo(session.card, 'customerMessage')).toBe(
      'It seems to contain a password, key or token. Remove it before sending. Press Next again to keep the message as it is.',
    );
    expect(inputOf(session.card, 'customerMessage')?.value).toBe(message);
    await session.press('next', { messageChoice: 'have', customerMessage: message });
    expect(session.texts()).toContain('Review your report');
  });
});
