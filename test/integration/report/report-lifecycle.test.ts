import { cardTexts } from '../../support/connector-stand-in';
import { FixedClock } from '../../support/fixed-clock';
import { TeamsChat } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  fullFix,
  incidentDetails,
  incidentKind,
  noMessage,
  vulnerabilityDetails,
  vulnerabilityKind,
} from './report-answers';
import {
  elementsOf,
  errorNextTo,
  inputOf,
  ReportSession,
  shownCards,
  submitData,
  textsOf,
} from './report-session';
import { confirmationNumberOn, storedTicket, ticketCount } from './stored-ticket';

async function toReview(session: ReportSession): Promise<void> {
  await session.say('report');
  await session.press('next', incidentKind);
  await session.press('next', incidentDetails);
  await session.press('next', fullFix);
  await session.press('next', noMessage);
}

describe('the report dialog across restarts, repeats, old cards, cancels and time', () => {
  const clock = new FixedClock('2026-11-24T10:00:00.000Z');
  let app: TestApp & { dataDir: string };
  beforeEach(async () => {
    clock.set('2026-11-24T10:00:00.000Z');
    app = await startTestApp({ clock, env: { DRAFT_TTL_MINUTES: '60' } });
  });
  afterEach(() => app.close());

  test('a restart in the middle of a report continues where the person was', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report');
    await session.press('next', incidentKind);
    await app.stopApp();
    const restarted = await startTestApp({ clock, dataDir: app.dataDir, connector: app.connector });
    try {
      const chat = new TeamsChat(
        restarted.url,
        app.connector,
        session.chat.user,
        session.chat.conversationId,
      );
      const resumed = new ReportSession(chat);
      resumed.card = session.card;
      resumed.cardId = session.cardId;
      await resumed.press('next', incidentDetails);
      expect(resumed.texts()).toContain('Fix');
      await resumed.press('next', fullFix);
      await resumed.press('next', noMessage);
      await resumed.press('submit');
      const row = await storedTicket(restarted, confirmationNumberOn(resumed.card));
      expect(row?.title).toBe(incidentKind.title);
    } finally {
      await restarted.stopApp();
    }
  });

  test('pressing Submit twice files one ticket; the second press is told it was already submitted', async () => {
    const session = new ReportSession(app.chat());
    await toReview(session);
    const review = session.card;
    await session.press('submit');
    const number = confirmationNumberOn(session.card);
    const again = await session.chat.submit(submitData(review, 'submit') ?? {}, session.cardId);
    expect(textsOf(again)).toEqual([
      `This report was already submitted. Its confirmation number is ${number}; type status ${number} to see where it stands.`,
    ]);
    expect(await ticketCount(app)).toBe(1);
  });

  test('two Submit requests at the same moment file one ticket, and both show its confirmation number', async () => {
    const session = new ReportSession(app.chat());
    await toReview(session);
    const data = submitData(session.card, 'submit') ?? {};
    const [first, second] = await Promise.all([
      session.chat.submit(data, session.cardId),
      session.chat.submit(data, session.cardId),
    ]);
    expect(first?.status).toBe(200);
    expect(second?.status).toBe(200);
    expect(await ticketCount(app)).toBe(1);
    // Each answer names the one ticket: on the status card, or as "already submitted" with its number.
    const named = [first, second].map((result) =>
      JSON.stringify([...shownCards(result).map((shown) => shown.card), ...textsOf(result)]).match(
        /SEC-[A-Z0-9]{4}-[A-Z0-9]{4}/g,
      ),
    );
    const numbers = new Set(named.flatMap((found) => found ?? []));
    expect(named.every((found) => found !== null)).toBe(true);
    expect(numbers.size).toBe(1);
  });

  test('a press on an old card is answered politely and the current step is shown again', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report');
    const step1 = session.card;
    await session.press('next', incidentKind);
    // The same card pressed again with its old token: the dialog says so and shows step 2 in place.
    const repeat = await session.chat.submit(
      { ...submitData(step1, 'next'), ...incidentKind, title: 'Changed' },
      session.cardId,
    );
    expect(textsOf(repeat)).toEqual([
      'That card is out of date: your report has moved on. Here is where you are now.',
    ]);
    expect(repeat.replies.map((r) => r.kind)).toEqual(['reply', 'update']);
    session.take(repeat);
    expect(session.texts()).toContain('What happened?');
    // An old card elsewhere in the chat: the current step comes back as a new card at the bottom.
    const elsewhere = await session.chat.submit(
      { ...submitData(step1, 'next'), ...incidentKind },
      'some-older-activity',
    );
    expect(elsewhere.replies.map((r) => r.kind)).toEqual(['reply', 'reply']);
    session.take(elsewhere);
    expect(session.texts()).toContain('What happened?');
    // The answers were not changed by the stale presses; the dialog goes on from the new card.
    await session.press('next', incidentDetails);
    await session.press('next', fullFix);
    await session.press('next', noMessage);
    expect(session.texts()).toContain(incidentKind.title);
    expect(session.texts()).not.toContain('Changed');
  });

  test('a press on a card from a report that is gone says so, and a forged token changes nothing', async () => {
    const session = new ReportSession(app.chat());
    const forged = await session.chat.submit({ cmd: 'report-step', token: 'not-a-token', action: 'submit' });
    expect(textsOf(forged)).toEqual([
      'That card belongs to a report that is no longer open. Type report to start a new one.',
    ]);
    expect(await ticketCount(app)).toBe(0);
  });

  test('cancel works at any step: typed on step 1, the button on step 3, "отмена" on the review', async () => {
    const first = new ReportSession(app.chat());
    await first.say('report');
    const cancelled = await first.say('cancel');
    expect(textsOf(cancelled)).toEqual(['Report cancelled. Nothing was filed.']);
    expect(cardTexts(shownCards(cancelled)[0]?.card)).toContain('Report cancelled');

    const second = new ReportSession(app.chat());
    await second.say('report');
    await second.press('next', incidentKind);
    await second.press('next', incidentDetails);
    await second.press('cancel');
    expect(second.texts()).toContain('Report cancelled');
    expect(textsOf(await second.say('cancel'))).toEqual(['There is no report in progress to cancel.']);

    const third = new ReportSession(app.chat({ locale: 'ru-RU' }));
    await toReview(third);
    const review = third.card;
    await third.say('отмена');
    expect(third.texts()).toContain('Заявка отменена');
    const late = await third.chat.submit(submitData(review, 'submit') ?? {}, third.cardId);
    expect(textsOf(late)).toEqual([
      'Эта карточка относится к заявке, которая уже закрыта. Введите «сообщить», чтобы начать новую.',
    ]);
    expect(await ticketCount(app)).toBe(0);
  });

  test('an abandoned draft expires: the next message says so, its card says so, and nothing is filed', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report');
    await session.press('next', incidentKind);
    const step2 = session.card;
    clock.advance(61 * 60_000);
    const late = await session.chat.submit(
      { ...submitData(step2, 'next'), ...incidentDetails },
      session.cardId,
    );
    expect(textsOf(late)).toEqual([
      'Your unfinished report expired after 1 hour without activity, and nothing was filed. Type report to start again.',
    ]);
    expect(late.replies.map((r) => r.kind)).toEqual(['update', 'reply']);
    expect(cardTexts(shownCards(late)[0]?.card)).toContain('Report expired');
    // A new report starts afresh.
    await session.say('report');
    expect(inputOf(session.card, 'title')?.value).toBe('');
    expect(await ticketCount(app)).toBe(0);
  });

  test('a draft used within the time limit does not expire', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report');
    clock.advance(59 * 60_000);
    await session.press('next', incidentKind);
    clock.advance(59 * 60_000);
    await session.press('next', incidentDetails);
    expect(session.texts()).toContain('Fix');
  });

  test('"report" during a report shows where the person left off instead of starting over', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report');
    await session.press('next', incidentKind);
    const again = await session.say('report');
    expect(textsOf(again)[0]).toBe(
      'You already have a report in progress; here is where you left off. To start over, type cancel first.',
    );
    expect(session.texts()).toContain('What happened?');
  });

  test('Edit on the review opens that section, and saving returns to the review; a category change asks what is missing', async () => {
    const session = new ReportSession(app.chat());
    await toReview(session);
    await session.press('edit', {}, { section: 'fix' });
    expect(session.texts()).toEqual(expect.arrayContaining(['Fix', 'Save and review']));
    expect(inputOf(session.card, 'remediationSteps')?.value).toBe(fullFix.remediationSteps);
    await session.press('next', { ...fullFix, remediationSteps: 'Upgrade to 2.4.2.' });
    expect(session.texts()).toEqual(expect.arrayContaining(['Review your report', 'Upgrade to 2.4.2.']));

    await session.press('edit', {}, { section: 'kind' });
    await session.press('next', { ...incidentKind, category: 'vulnerability' });
    expect(session.texts()).toContain('Vulnerability details');
    await session.press('next', { cveIds: 'CVE-2026-20001', cvssVector: '' });
    expect(session.texts()).toEqual(expect.arrayContaining(['Review your report', 'CVE-2026-20001']));
    await session.press('submit');
    const row = await storedTicket(app, confirmationNumberOn(session.card));
    expect(row?.category).toBe('vulnerability');
    expect(row?.report).not.toHaveProperty('incident');
  });

  test('text a person typed is shown back as plain text: no markdown, links or mentions', async () => {
    const session = new ReportSession(app.chat());
    const hostile = '**Urgent** [click](https://evil.example) <at>Security Desk</at> ${t.report.title}';
    await session.say('report');
    await session.press('next', { ...incidentKind, title: hostile });
    await session.press('next', incidentDetails);
    await session.press('next', fullFix);
    await session.press('next', noMessage);
    const runs = JSON.stringify(session.card);
    expect(runs).toContain(JSON.stringify({ type: 'TextRun', text: hostile }));
    const textBlocks = JSON.stringify(session.card).match(/"type":"TextBlock","text":"[^"]*evil/g);
    expect(textBlocks).toBeNull();
  });

  test('the CVSS calculator opens in the card and its vector comes back into the vulnerability step', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report a vulnerability');
    await session.press('next', vulnerabilityKind);
    await session.press('next', vulnerabilityDetails);
    await session.press('calculator', { cveIds: 'CVE-2026-30001', cvssVector: '' });
    const calculatorId = session.cardId;
    const calculate = submitData(session.card, 'calculate');
    expect(calculate).toMatchObject({ cmd: 'cvss-calc', returnTo: 'report' });
    const choices = {
      cvss31_AV: 'N',
      cvss31_AC: 'L',
      cvss31_PR: 'N',
      cvss31_UI: 'N',
      cvss31_S: 'U',
      cvss31_C: 'H',
      cvss31_I: 'H',
      cvss31_A: 'H',
    };
    session.take(await session.chat.submit({ ...calculate, ...choices }, session.cardId));
    const use = submitData(session.card, 'use');
    expect(use).toBeDefined();
    session.take(await session.chat.submit(use ?? {}, session.cardId));
    expect(session.cardId).toBe(calculatorId);
    expect(session.texts()).toContain('Vulnerability details');
    expect(inputOf(session.card, 'cvssVector')?.value).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(inputOf(session.card, 'cveIds')?.value).toBe('CVE-2026-30001');
    expect(session.texts()).toContain('This vector scores 9.8 (Critical).');
    expect(errorNextTo(session.card, 'cvssVector')).toBeUndefined();
  });

  test('switched to CVSS 4.0 from a report, the calculator comes anew and its vector still reaches the report', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report a vulnerability');
    await session.press('next', vulnerabilityKind);
    await session.press('next', vulnerabilityDetails);
    await session.press('calculator', { cveIds: 'CVE-2026-30003', cvssVector: '' });
    const stepCardId = session.cardId;
    const switched = await session.chat.submit(
      {
        ...(elementsOf(session.card).find(
          (e) => e.type === 'Action.Submit' && (e.data as { to?: string })?.to === '4.0',
        )?.data as Record<string, unknown>),
      },
      stepCardId,
    );
    session.take(switched);
    expect(session.cardId).not.toBe(stepCardId);
    expect(session.texts()).toContain('CVSS 4.0 calculator');
    const inputs = Object.fromEntries(
      Object.entries({
        AV: 'N',
        AC: 'L',
        AT: 'N',
        PR: 'N',
        UI: 'N',
        VC: 'H',
        VI: 'H',
        VA: 'H',
        SC: 'N',
        SI: 'N',
        SA: 'N',
      }).map(([key, value]) => [`cvss40_${key}`, value]),
    );
    session.take(
      await session.chat.submit({ ...submitData(session.card, 'calculate'), ...inputs }, session.cardId),
    );
    const used = await session.chat.submit(submitData(session.card, 'use') ?? {}, session.cardId);
    session.take(used);
    // The report carries on from its own card, with the 4.0 vector.
    expect(session.cardId).toBe(stepCardId);
    expect(inputOf(session.card, 'cvssVector')?.value).toBe(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    );
  });

  test('a CVSS 3.0 vector opened in the calculator comes back as 3.0, not 3.1', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report a vulnerability');
    await session.press('next', vulnerabilityKind);
    await session.press('next', vulnerabilityDetails);
    await session.press('calculator', {
      cveIds: 'CVE-2026-30002',
      cvssVector: 'CVSS:3.0/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:N',
    });
    expect(session.texts()).toContain('CVSS 3.0 calculator');
    const calculate = submitData(session.card, 'calculate');
    expect(calculate).toMatchObject({ version: '3.0' });
    const inputs = {
      cvss30_AV: 'A',
      cvss30_AC: 'H',
      cvss30_PR: 'L',
      cvss30_UI: 'R',
      cvss30_S: 'C',
      cvss30_C: 'L',
      cvss30_I: 'N',
      cvss30_A: 'N',
    };
    session.take(await session.chat.submit({ ...calculate, ...inputs }, session.cardId));
    session.take(await session.chat.submit(submitData(session.card, 'use') ?? {}, session.cardId));
    expect(inputOf(session.card, 'cvssVector')?.value).toBe('CVSS:3.0/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:N');
  });
});
