import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  fullFix,
  incidentDetails,
  incidentKind,
  noFix,
  vulnerabilityData,
  vulnerabilityDetails,
  vulnerabilityKind,
} from './report-answers';
import { elementsOf, errorNextTo, inputOf, ReportSession, type Card } from './report-session';
import { storedTicket, confirmationNumberOn } from './stored-ticket';

/** The plain note a card shows (not an error): the emphasis container's text. */
function noteOn(card: Card): string {
  return elementsOf(card)
    .filter((e) => e.type === 'Container' && e.style === 'emphasis')
    .flatMap((e) => elementsOf(e.items))
    .map((e) => (e.type === 'TextRun' || e.type === 'TextBlock' ? String(e.text) : ''))
    .join('');
}

/** Every text the card shows in red: what would be styled as an error. */
function attentionTexts(card: Card): string[] {
  return elementsOf(card)
    .filter((e) => e.type === 'TextBlock' && e.color === 'Attention')
    .map((e) => String(e.text));
}

describe('help with the message for customers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ clock: new FixedClock('2026-11-24T10:00:00.000Z') });
  });
  afterAll(() => app.close());

  async function atMessageStep(locale: string, answers = vulnerabilityData, fix = fullFix) {
    const session = new ReportSession(app.chat({ locale }));
    await session.say('report');
    await session.press('next', vulnerabilityKind);
    await session.press('next', { ...vulnerabilityDetails, affected: 'Customers on version 2.x' });
    await session.press('next', answers);
    await session.press('next', fix);
    return session;
  }

  test('"Help me draft it" fills the box with the engine\'s email from every answer, lists every placeholder in a plain note, and files the edited text', async () => {
    const session = await atMessageStep('en-US');
    await session.press('next', { messageChoice: 'draft', customerMessage: '' });

    const drafted = String(inputOf(session.card, 'customerMessage')?.value);
    expect(drafted.split('\n\n')[0]).toBe('Security advisory: SQL injection in the reporting API');
    expect(drafted).toContain('Contoso WAF and Contoso Gateway');
    // "Who is affected" is used, not asked for again.
    expect(drafted).toContain('Affected versions and customers: Customers on version 2.x');
    expect(drafted).not.toContain('[Affected versions and customers]');
    expect(drafted).toContain('CVE-2026-12345 and CVE-2026-12346');
    expect(drafted).toContain('its severity is Critical (CVSS 3.1 base score 9.8');
    expect(drafted).toContain('Upgrade to 2.4.1.');
    expect(drafted).toContain('November 21, 2026');
    expect(drafted).not.toContain('builds SQL from the sort parameter');

    // The hint is a plain note naming every placeholder left, not an error.
    expect(errorNextTo(session.card, 'customerMessage')).toBeUndefined();
    expect(attentionTexts(session.card)).toEqual([]);
    const note = noteOn(session.card);
    expect(note).toMatch(/^Here is a draft made from your answers/);
    expect(note).toContain(
      '4 parts only you can write are left as placeholders in brackets: [What the issue could allow, in plain words]; [Confirmation number, given on submission]; [Contact for questions]; [Publisher name].',
    );
    // The whole draft is shown above the box too, to read: the box shows a few lines.
    expect(elementsOf(session.card).some((e) => e.type === 'TextRun' && e.text === drafted)).toBe(true);

    // Sent as drafted, every [bracket] left is pointed out; the publisher fills them in and goes on.
    await session.press('next', { messageChoice: 'draft', customerMessage: drafted });
    expect(errorNextTo(session.card, 'customerMessage')).toContain(
      'It still contains [What the issue could allow, in plain words]; [Confirmation number, given on submission]; [Contact for questions]; [Publisher name]',
    );
    const edited = drafted
      .replace('[What the issue could allow, in plain words]', 'An attacker can read any table.')
      .replace(' under reference [Confirmation number, given on submission]', '')
      .replace('[Contact for questions]', 'security@contoso.example')
      .replace('[Publisher name]', 'Contoso');
    await session.press('next', { messageChoice: 'draft', customerMessage: edited });
    expect(session.texts()).toContain('Review your report');

    await session.press('submit');
    const row = await storedTicket(app, confirmationNumberOn(session.card));
    expect(row?.report).toMatchObject({ customerMessage: edited });
  });

  test('the Russian draft writes dates and scores the Russian way, never a raw ISO date', async () => {
    const session = await atMessageStep('ru-RU');
    await session.press('next', { messageChoice: 'draft', customerMessage: '' });
    const drafted = String(inputOf(session.card, 'customerMessage')?.value);
    expect(drafted.split('\n\n')[0]).toBe('Уведомление об уязвимости: SQL injection in the reporting API');
    expect(drafted).toContain('21 ноября 2026 г.');
    expect(drafted).toContain('критический (базовая оценка CVSS 3.1: 9,8');
    expect(drafted).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(noteOn(session.card)).toContain('В квадратных скобках остались 4 части');
  });

  test('an exploited incident without a fix gets no "steps below" and no steps placeholder', async () => {
    const session = new ReportSession(app.chat({ locale: 'en-US' }));
    await session.say('report');
    await session.press('next', incidentKind);
    await session.press('next', { ...incidentDetails, knownExploited: 'yes', personalData: 'yes' });
    await session.press('next', noFix);
    await session.press('next', { messageChoice: 'draft', customerMessage: '' });
    const drafted = String(inputOf(session.card, 'customerMessage')?.value);
    expect(drafted).toContain('We are aware that this issue is being actively exploited.');
    expect(drafted).toContain('The incident involves personal data.');
    expect(drafted).toContain('we expect to release one by December 15, 2026');
    expect(drafted).not.toMatch(/below/i);
    expect(drafted).not.toContain('[Remediation steps]');
  });

  test('a draft longer than the message limit is shortened where the person is told, and shown whole', async () => {
    const longSteps = `${'Rotate every key and redeploy the gateway. '.repeat(45)}Done.`;
    const session = await atMessageStep('en-US', vulnerabilityData, {
      fixKind: 'full',
      remediationSteps: longSteps,
      expectedOn: '',
    });
    await session.press('next', { messageChoice: 'draft', customerMessage: '' });
    const inBox = String(inputOf(session.card, 'customerMessage')?.value);
    expect([...inBox].length).toBeLessThanOrEqual(2000);
    expect(inBox).toContain('Rotate every key');
    expect(inBox).toContain('…');
    expect(noteOn(session.card)).toContain(
      'The whole draft is longer than the 2,000 characters a message may have, so in the box its remediation steps are shortened',
    );
    const whole = elementsOf(session.card).find(
      (e) => e.type === 'TextRun' && String(e.text).includes(`${longSteps}`),
    );
    expect(whole).toBeDefined();
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
