import { actionTitles, cardTexts } from '../../support/connector-stand-in';
import { validateCsaf } from '../../support/run-csaf-validator';
import { startTestApp, type TestApp } from '../../support/test-app';
import { notifyEnv } from '../notify/notify-harness';
import { inputOf } from '../report/report-session';
import { answerCard, fileThroughTheDialog, replacedCard, supportDoes } from './correspondence-harness';

describe('drafting the message to customers after submission, from the chat', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: notifyEnv });
  });
  afterAll(() => app.close());

  test('draft NUMBER offers the formats; a Russian plain email names the ticket and lists what is missing', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    await supportDoes(app, number, { type: 'acknowledge', priority: 'P2', severity: 'High' });
    const { card, id } = answerCard(await chat.send(`draft ${number}`));
    expect(cardTexts(card)).toContain(`Message to your customers about ${number}`);
    expect(actionTitles(card)).toEqual(['Draft it']);
    const made = await chat.submit(
      { cmd: 'draft_make', confirmationNumber: number, format: 'email', language: 'ru', tone: 'plain' },
      id,
    );
    const draft = replacedCard(made, id);
    const subject = String(inputOf(draft, 'subject')?.value ?? '');
    const body = String(inputOf(draft, 'body')?.value ?? '');
    expect(subject.length).toBeGreaterThan(0);
    expect(body).toContain(number);
    expect(body).toMatch(/[а-яё]/i);
    // Support's severity, not the CVSS rating, once support has assigned one.
    expect(body).toMatch(/высок/i);
    expect(cardTexts(draft)).toContain('Still to fill in before you send it:');
    expect(actionTitles(draft)).toEqual(['Draft it again']);
  });

  test('a CSAF 2.0 advisory drafted in the chat passes the schema and the mandatory tests', async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const { id } = answerCard(await chat.send(`черновик ${number}`));
    const made = await chat.submit(
      { cmd: 'draft_make', confirmationNumber: number, format: 'csaf', language: 'en', tone: 'formal' },
      id,
    );
    const document = JSON.parse(String(inputOf(replacedCard(made, id), 'body')?.value)) as {
      document: { category: string; tracking: { id: string } };
    };
    expect(document.document).toMatchObject({ category: 'csaf_security_advisory', tracking: { id: number } });
    expect(validateCsaf([document])).toEqual([{ isValid: true, errors: [] }]);
  });

  test("another tenant's ticket cannot be drafted, and a format not offered falls back to the email", async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const stranger = app.chat({ tenantId: '99999999-0000-4000-8000-000000000009' });
    const refused = await stranger.send(`draft ${number}`);
    expect(refused.replies.map((r) => r.body.text)).toEqual([
      `No report ${number} was found among your organisation's reports. Please check the number, or type my tickets to see your reports.`,
    ]);
    const { id } = answerCard(await chat.send(`draft ${number}`));
    // A vulnerability has no GDPR outline: a forged choice gets the email.
    const made = await chat.submit(
      { cmd: 'draft_make', confirmationNumber: number, format: 'gdpr', language: 'en', tone: 'formal' },
      id,
    );
    expect(inputOf(replacedCard(made, id), 'subject')).toBeDefined();
  });
});
