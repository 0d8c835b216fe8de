import { actionTitles, cardTexts } from '../../support/connector-stand-in';
import { startTestApp, type TestApp } from '../../support/test-app';
import { TeamsChannel, teamChannel } from '../../support/teams-channel';
import { notifyEnv, sendsTo } from '../notify/notify-harness';
import { errorNextTo, inputOf, ReportSession } from '../report/report-session';
import { vulnerabilityKind } from '../report/report-answers';
import { call } from '../support-api/support-client';
import { registrationCode } from '../support-channel/support-channel-harness';
import {
  answerCard,
  cardOf,
  eventPayloads,
  replacedCard,
  fileThroughTheDialog,
  historyTypes,
  said,
  supportDoes,
  textsIn,
  updateShowing,
  updatesOf,
} from './correspondence-harness';

const supportKey = 'local-support-key-for-tests-0123456789abcdef';
const revisedVector = 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N';

describe('every card about a ticket tells the truth, and the publisher can add to it or withdraw it', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: notifyEnv });
  });
  afterAll(() => app.close());

  test('the confirmation card and a status card are updated in place up to the outcome, with its next steps', async () => {
    const chat = app.chat();
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    const { id: statusId } = answerCard(await chat.send(`status ${number}`));
    await supportDoes(app, number, { type: 'acknowledge', priority: 'P2', severity: 'High' });
    await updateShowing(app, cardId, 'Support has acknowledged your report');
    await updateShowing(app, statusId, 'Acknowledged');
    await supportDoes(app, number, {
      type: 'set_outcome',
      outcome: {
        kind: 'change_requested',
        summary: 'Exploitable from the internet.',
        whatMustChange: 'Parameterise the sort clause.',
        dueBy: '2030-01-15',
      },
    });
    const confirmation = await updateShowing(app, cardId, 'Support has decided on your report');
    expect(cardTexts(confirmation)).toEqual(
      expect.arrayContaining([
        'Outcome: a change to the offer is requested',
        'What must change',
        'Parameterise the sort clause.',
        'Due by',
        'Make the change described above by Jan 15, 2030, then reply here to tell support it is done.',
      ]),
    );
    // Still open: a reply box and what the publisher may do.
    expect(actionTitles(confirmation)).toEqual(
      expect.arrayContaining(['Send reply to support', 'Add information', 'Withdraw this report']),
    );
    await updateShowing(app, statusId, 'Exploitable from the internet.');
    // The outcome's own message can be answered where it is read.
    const [outcome] = await app.connector.waitFor(
      (c) =>
        sendsTo(chat.conversationId)(c) && textsIn(c).includes('Support has finished assessing your report'),
    );
    expect(actionTitles(cardOf(outcome))).toEqual([
      'Send reply to support',
      'Draft the message to your customers',
    ]);
  });

  test('after a restart the cards posted before are still updated in place', async () => {
    const first = await startTestApp({ env: notifyEnv });
    const chat = first.chat();
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    await first.stopApp();
    const second = await startTestApp({ env: notifyEnv, dataDir: first.dataDir, connector: first.connector });
    try {
      await supportDoes(second, number, { type: 'acknowledge', priority: 'P3', severity: 'Medium' });
      await updateShowing(second, cardId, 'Support has acknowledged your report');
    } finally {
      await second.close();
      await first.close();
    }
  });

  test('a card Teams no longer has (404) is replaced by a fresh status card, and the ticket still moves on', async () => {
    const chat = app.chat();
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    app.connector.fail({
      status: 404,
      when: (c) => c.kind === 'update' && c.conversationId === chat.conversationId,
      times: 1,
    });
    const before = app.connector.calls.length;
    await supportDoes(app, number, { type: 'acknowledge', priority: 'P2', severity: 'High' });
    const sends = await app.connector.waitFor(
      (c) => sendsTo(chat.conversationId)(c) && app.connector.calls.indexOf(c) >= before,
      2,
    );
    const texts = sends.map(textsIn);
    expect(texts[0]).toEqual(expect.arrayContaining(['Support has acknowledged your report', number]));
    expect(texts[1]).toEqual(expect.arrayContaining(['Support has acknowledged your report']));
    const fresh = sends[0]!.newActivityId!;
    await supportDoes(app, number, { type: 'ask_question', question: 'Which versions?' });
    await updateShowing(app, fresh, 'Support is waiting for your answer');
    expect(
      app.connector.calls.filter((c) => updatesOf(cardId)(c) && app.connector.calls.indexOf(c) >= before),
    ).toEqual([]);
  });

  test('a revised CVSS vector is re-scored: support sees the new suggestion, its own severity stays', async () => {
    const chat = app.chat();
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    await supportDoes(app, number, { type: 'acknowledge', priority: 'P1', severity: 'High' });
    const { card, id: addCardId } = answerCard(await chat.send(`add ${number}`));
    expect(cardTexts(card)).toContain(`Add information to ${number}`);

    const bad = await chat.submit(
      {
        cmd: 'add_information',
        confirmationNumber: number,
        cvssVector: 'CVSS:3.1/AV:N',
        fixKind: 'unchanged',
        detail: 'Also 2.3.',
      },
      addCardId,
    );
    const refused = replacedCard(bad, addCardId);
    expect(errorNextTo(refused, 'cvssVector')).toBe(
      'This is not a valid CVSS 3.0, 3.1 or 4.0 vector; for an incident there is no vector.',
    );
    expect(inputOf(refused, 'detail')).toMatchObject({ value: 'Also 2.3.' });
    expect(await historyTypes(app, number)).not.toContain('information_added');

    const added = await chat.submit(
      {
        cmd: 'add_information',
        confirmationNumber: number,
        cvssVector: revisedVector,
        fixKind: 'unchanged',
        detail: 'Also 2.3.',
      },
      addCardId,
    );
    expect(said(added)).toEqual([
      `Added to report ${number}, and support has been told. The revised vector scores 5.4 (Medium); support sees the new suggestion and decides the severity.`,
    ]);
    const seen = await call(app.url, 'GET', `/api/support/tickets/${number}`, { token: supportKey });
    expect(seen.body.ticket).toMatchObject({ severity: 'High', suggestedSeverity: 'Medium' });
    // What support saw first is kept; the addition is its own entry in the history.
    expect(JSON.stringify(seen.body)).toContain('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(await eventPayloads(app, number, 'information_added')).toEqual([
      { detail: 'Also 2.3.', cvss: { version: '3.1', vector: revisedVector, baseScore: 5.4 } },
    ]);
    await updateShowing(app, cardId, 'Support has acknowledged your report');
  });

  test('a withdrawal needs a reason, closes the report as withdrawn, and the confirmation card says so', async () => {
    const chat = app.chat();
    await chat.install();
    const { number, cardId } = await fileThroughTheDialog(chat);
    const { card: confirm, id: withdrawId } = answerCard(await chat.send(`withdraw ${number}`));
    expect(actionTitles(confirm)).toEqual([`Withdraw report ${number}`]);
    const empty = await chat.submit(
      { cmd: 'withdraw_confirm', confirmationNumber: number, reason: ' ' },
      withdrawId,
    );
    expect(cardTexts(replacedCard(empty, withdrawId))).toContain(
      'Please say why you are withdrawing the report.',
    );
    expect(await historyTypes(app, number)).toEqual(['submitted']);

    const done = await chat.submit(
      { cmd: 'withdraw_confirm', confirmationNumber: number, reason: 'Filed for the wrong offer.' },
      withdrawId,
    );
    expect(said(done)).toEqual([`Report ${number} is withdrawn and closed. Support has been told.`]);
    const seen = await call(app.url, 'GET', `/api/support/tickets/${number}`, { token: supportKey });
    expect(seen.body.ticket).toMatchObject({ state: 'closed', closeReason: 'withdrawn' });
    const card = await updateShowing(app, cardId, 'You withdrew this report');
    // Closed: no reply box, nothing to add or withdraw; the message to customers can still be drafted.
    expect(actionTitles(card)).toEqual(['Show status and history', 'Draft a customer notice']);
  });

  test('the report refuses an over-long description with its length, keeping every character typed', async () => {
    const session = new ReportSession(app.chat());
    await session.say('report a vulnerability');
    await session.press('next', vulnerabilityKind);
    const long = 'x'.repeat(4105);
    await session.press('next', { description: long, discoveredOn: '', knownExploited: 'no', affected: '' });
    expect(errorNextTo(session.card, 'description')).toBe(
      'This is too long: at most 4,000 characters, and it has 4,105.',
    );
    expect(inputOf(session.card, 'description')).toMatchObject({ value: long });
  });
});

describe("support's channel is told when the publisher writes", () => {
  let app: TestApp;
  let channel: TeamsChannel;
  beforeAll(async () => {
    app = await startTestApp({ env: notifyEnv });
    channel = new TeamsChannel(app.url, app.connector, teamChannel());
    await channel.mention(`register support channel ${await registrationCode(app)}`);
  });
  afterAll(() => app.close());

  test("a reply, an addition and a withdrawal each reach the triage card's thread", async () => {
    const chat = app.chat();
    await chat.install();
    const { number } = await fileThroughTheDialog(chat);
    const [post] = await app.connector.waitFor(
      (c) =>
        c.kind === 'send' &&
        c.conversationId === channel.place.channelId &&
        textsIn(c).join(' ').includes(number),
    );
    const thread = `${channel.place.channelId};messageid=${post!.newActivityId}`;
    await chat.send(`reply ${number} The image was also mirrored to Docker Hub.`);
    const [notice] = await app.connector.waitFor((c) => c.kind === 'send' && c.conversationId === thread);
    expect(textsIn(notice)).toEqual(
      expect.arrayContaining([
        `The publisher wrote on ${number}`,
        'Message',
        'The image was also mirrored to Docker Hub.',
      ]),
    );
    // The triage card itself shows the latest correspondence.
    await updateShowing(app, post!.newActivityId!, 'Latest correspondence');

    await chat.submit({
      cmd: 'withdraw_confirm',
      confirmationNumber: number,
      reason: 'Reported twice by mistake.',
    });
    const notices = await app.connector.waitFor((c) => c.kind === 'send' && c.conversationId === thread, 2);
    expect(textsIn(notices[1])).toEqual(
      expect.arrayContaining(['Withdrawn by the publisher', 'Reported twice by mistake.']),
    );
  });
});
