import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import { fullFix, vulnerabilityDetails, vulnerabilityKind } from './report-answers';
import { elementsOf, inputOf, ReportSession, submitData, type Card } from './report-session';
import { confirmationNumberOn, storedTicket } from './stored-ticket';

const critical40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const medium31 = 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N';

/** The message for customers as the review card shows it (the item after its label). */
function reviewedMessage(card: Card): string {
  const texts = elementsOf(card)
    .filter((e) => e.type === 'TextBlock' || e.type === 'TextRun')
    .map((e) => String(e.text));
  const at = texts.indexOf('Message for customers', texts.indexOf('Review your report'));
  return texts.slice(at + 1).find((text) => text.length > 40) ?? '';
}

function warningOn(card: Card): string | undefined {
  const warning = elementsOf(card).find((e) => e.type === 'Container' && e.style === 'warning');
  return (
    warning &&
    elementsOf(warning.items)
      .map((e) => (e.type === 'TextBlock' ? String(e.text) : ''))
      .join('')
  );
}

function noteOn(card: Card): string {
  return elementsOf(card)
    .filter((e) => e.type === 'Container' && e.style === 'emphasis')
    .flatMap((e) => elementsOf(e.items))
    .map((e) => (e.type === 'TextBlock' || e.type === 'TextRun' ? String(e.text) : ''))
    .join('');
}

/** The scenario: a CVSS 4.0 vector (9.3 Critical), "Help me draft it", the vector edited on the review. */
describe('a drafted message for customers never keeps a severity the report no longer has', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ clock: new FixedClock('2026-11-24T10:00:00.000Z') });
  });
  afterAll(() => app.close());

  async function draftedAndReviewed(edit?: (drafted: string) => string) {
    const session = new ReportSession(app.chat({ locale: 'en-US' }));
    await session.say('report');
    await session.press('next', vulnerabilityKind);
    await session.press('next', vulnerabilityDetails);
    await session.press('next', { cveIds: 'CVE-2026-12345', cvssVector: critical40 });
    await session.press('next', fullFix);
    await session.press('next', { messageChoice: 'draft', customerMessage: '' });
    const drafted = String(inputOf(session.card, 'customerMessage')?.value);
    expect(drafted).toContain('its severity is Critical (CVSS 4.0 base score 9.3');
    const text = edit ? edit(drafted) : drafted;
    // The first Next points out the placeholders; the second keeps the text.
    await session.press('next', { messageChoice: 'draft', customerMessage: text });
    await session.press('next', { messageChoice: 'draft', customerMessage: text });
    expect(session.texts()).toContain('Review your report');
    return { session, text };
  }

  async function editVector(session: ReportSession, vector: string) {
    await session.press('edit', {}, { section: 'vulnerability' });
    await session.press('next', { cveIds: 'CVE-2026-12345', cvssVector: vector });
    expect(session.texts()).toContain('Review your report');
  }

  test('a draft left as it was is drafted again from the new vector, and the review says so', async () => {
    const { session } = await draftedAndReviewed();
    expect(reviewedMessage(session.card)).toContain('Critical (CVSS 4.0 base score 9.3');

    await editVector(session, medium31);
    const message = reviewedMessage(session.card);
    expect(message).toContain('its severity is Medium (CVSS 3.1 base score 5.4');
    expect(message).not.toContain('Critical');
    expect(noteOn(session.card)).toBe(
      'Your answers changed since the message for customers was drafted (the severity and the CVSS score), so it was drafted again from your current answers. Check it below.',
    );
    expect(warningOn(session.card)).toBeUndefined();

    await session.press('submit');
    const row = await storedTicket(app, confirmationNumberOn(session.card));
    const stored = (row?.report as { customerMessage?: string }).customerMessage ?? '';
    expect(stored).toContain('Medium (CVSS 3.1 base score 5.4');
    expect(stored).not.toContain('Critical');
    expect(row?.report).toMatchObject({ vulnerability: { cvss: { vector: medium31, baseScore: 5.4 } } });
  });

  test('an edited draft is kept, the review warns what changed, and "Draft the message again" follows the new vector', async () => {
    const { session, text } = await draftedAndReviewed((drafted) =>
      drafted.replace('[Contact for questions]', 'security@contoso.example'),
    );
    await editVector(session, medium31);
    expect(reviewedMessage(session.card)).toBe(text);
    expect(warningOn(session.card)).toBe(
      'The message for customers was written from earlier answers: the severity and the CVSS score changed since. It still says what the earlier answers said. Draft it again, or edit it before you submit.',
    );
    // A warning, not an error: nothing on the card is red, and its actions are the review's own.
    expect(elementsOf(session.card).some((e) => e.color === 'Attention')).toBe(false);
    expect(submitData(session.card, 'submit')).toBeDefined();

    await session.press('redraft');
    const redrafted = String(inputOf(session.card, 'customerMessage')?.value);
    expect(redrafted).toContain('its severity is Medium (CVSS 3.1 base score 5.4');
    expect(noteOn(session.card)).toMatch(/^The message was drafted again from your current answers/);
    await session.press('next', { messageChoice: 'draft', customerMessage: redrafted });
    await session.press('next', { messageChoice: 'draft', customerMessage: redrafted });
    expect(session.texts()).toContain('Review your report');
    expect(warningOn(session.card)).toBeUndefined();
    expect(reviewedMessage(session.card)).toContain('Medium (CVSS 3.1 base score 5.4');
  });

  test('an unchanged vector changes nothing: no note, no warning', async () => {
    const { session, text } = await draftedAndReviewed();
    await editVector(session, critical40);
    expect(reviewedMessage(session.card)).toBe(text);
    expect(noteOn(session.card)).toBe('');
    expect(warningOn(session.card)).toBeUndefined();
  });
});
