import { adaptiveCardsOf, actionTitles, cardTexts } from '../../support/connector-stand-in';
import { BotFrameworkChannel } from '../../../src/bot/proactive/bot-framework-channel';
import { SupportChannelSink } from '../../../src/bot/support-channel';
import { DeliveryEngine } from '../../../src/notify/delivery-engine';
import { Doorbell } from '../../../src/notify/doorbell';
import { SupportCards } from '../../../src/tickets';
import { createLogger } from '../../../src/logger';
import { createSendGate } from '../../../src/notify/send-gate';
import { engines } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import { expectTeamsCard } from '../../support/teams-card-checks';
import { TeamsChannel, teamChannel } from '../../support/teams-channel';
import type { TestApp } from '../../support/test-app';
import { vulnerabilitySubmission } from '../../support/submissions';
import { call } from '../support-api/support-client';
import { registrationCode, startAppOn, supportKey } from './support-channel-harness';

describe.each(engines)('on $name', (engine) => {
  let test_: TestApp;
  let channel: TeamsChannel;
  let drafts = 0;

  beforeAll(async () => {
    test_ = await startAppOn(engine, {
      clock: new FixedClock('2026-11-24T18:00:00.000Z'),
      env: { NOTIFY_POLL_MS: '50' },
    });
    channel = new TeamsChannel(test_.url, test_.connector, teamChannel());
    await channel.mention(`register support channel ${await registrationCode(test_)}`);
  });
  afterAll(() => test_.close());

  /** Files a report and waits for its triage card in the support channel; returns its number and activity id. */
  async function fileAndWaitForCard(title = 'SQL injection in the admin console') {
    drafts += 1;
    const base = vulnerabilitySubmission();
    const result = await test_.app.backend.submit({
      ...base,
      submissionKey: `triage-${drafts}`,
      report: { ...base.report, title },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const number = result.record.ticket.confirmationNumber;
    const [post] = await test_.connector.waitFor(
      (c) =>
        c.kind === 'send' &&
        c.conversationId === channel.place.channelId &&
        cardTexts(adaptiveCardsOf(c.body)).includes(number),
    );
    return { number, activityId: post!.newActivityId!, card: adaptiveCardsOf(post!.body)[0]! };
  }

  async function stored(number: string) {
    return test_.app.store.db
      .selectFrom('tickets')
      .select(['id', 'state', 'priority', 'severity', 'version'])
      .where('confirmation_number', '=', number)
      .executeTakeFirstOrThrow();
  }

  function invokeCard(body: unknown): Record<string, unknown> {
    const response = body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(response).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    return response.value;
  }

  test('a new ticket posts a triage card to the support channel with the report and what support decides on', async () => {
    const { number, card } = await fileAndWaitForCard('Injected **markdown** <at>Everyone</at>');
    const texts = cardTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining([
        number,
        'Vulnerability',
        'Injected **markdown** <at>Everyone</at>',
        'Contoso WAF (contoso.contoso-waf)',
        'CVE-2026-12345',
        'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H (9.8)',
        'Submitted, waiting for acknowledgement',
      ]),
    );
    // The checked vector is in a wrapping TextBlock (a narrow client breaks it anywhere, never clips it).
    expect(JSON.stringify(card)).toMatch(
      /"type":"TextBlock","text":"CVSS:3\.1\/AV:N\/AC:L\/PR:N\/UI:N\/S:U\/C:H\/I:H\/A:H \(9\.8\)","fontType":"Monospace","wrap":true/,
    );
    // Due one business day later, shown in support's time zone (SUPPORT_TIME_ZONE, Los Angeles by default).
    expect(texts.some((t) => /November 25, 2026 .*PST/.test(t))).toBe(true);
    expect(actionTitles(card)).toEqual(expect.arrayContaining(['Acknowledge…', 'Post a message…', 'Close…']));
    expect(actionTitles(card)).not.toContain('Set outcome…');
    // The publisher's title lands in a TextRun only, never in markdown-rendering TextBlocks.
    expect(JSON.stringify(card)).toMatch(/"type":"TextRun","text":"Injected \*\*markdown\*\*/);
    expect(JSON.stringify(card)).not.toMatch(/"type":"TextBlock","text":"Injected/);
    const severity = JSON.stringify(card).match(/"id":"ackSeverity"[^}]*"value":"(\w+)"/);
    expect(severity?.[1]).toBe('Critical');
  });

  test('Acknowledge from the card acknowledges the ticket, answers with the refreshed card and notifies the publisher', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    const result = await channel.execute(
      'support.acknowledge',
      { ticket: number, version: 1, ackPriority: 'P2', ackSeverity: 'High' },
      activityId,
    );
    expect(result.status).toBe(200);
    const card = invokeCard(result.body);
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['Acknowledged', 'P2', 'High']));
    expect(actionTitles(card)).toContain('Ask the publisher…');
    expect(actionTitles(card)).not.toContain('Acknowledge…');

    const ticket = await stored(number);
    expect(ticket).toMatchObject({ state: 'acknowledged', priority: 'P2', severity: 'High', version: 2 });
    const event = await test_.app.store.db
      .selectFrom('ticket_events')
      .innerJoin('outbox', 'outbox.event_id', 'ticket_events.id')
      .select(['ticket_events.actor_kind', 'ticket_events.actor_id', 'ticket_events.actor_name'])
      .where('ticket_events.ticket_id', '=', ticket.id)
      .where('ticket_events.type', '=', 'acknowledged')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      actor_kind: 'support',
      actor_id: channel.user.aadObjectId,
      actor_name: 'Sam Analyst',
    });
    // Everyone in the channel sees the change: the posted card is updated in place.
    await test_.connector.waitFor(
      (c) =>
        c.kind === 'update' &&
        c.activityId === activityId &&
        cardTexts(adaptiveCardsOf(c.body)).includes('Acknowledged'),
    );
  });

  test('a press on a card showing an older version changes nothing and answers with the ticket as it is now', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    await channel.execute(
      'support.acknowledge',
      { ticket: number, version: 1, ackPriority: 'P1', ackSeverity: 'Critical' },
      activityId,
    );
    const stale = await channel
      .as({ name: 'Kim Analyst', tenantId: channel.user.tenantId })
      .execute('support.post_message', { ticket: number, version: 1, message: 'Looking at it' }, activityId);
    const card = invokeCard(stale.body);
    expect(cardTexts(card).join('\n')).toContain('Someone else changed this ticket first');
    expect(cardTexts(card)).toContain('P1');
    expect(await stored(number)).toMatchObject({ version: 2, priority: 'P1' });
  });

  test('a missing field is shown next to it on the card and nothing changes', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    const result = await channel.execute(
      'support.acknowledge',
      { ticket: number, version: 1, ackSeverity: 'Low' },
      activityId,
    );
    const card = invokeCard(result.body);
    expect(errorUnder(card, 'ackPriority')).toBe('Required.');
    expect(errorUnder(card, 'ackSeverity')).toBeUndefined();
    expect(JSON.stringify(card)).toContain('some fields need attention');
    expect(await stored(number)).toMatchObject({ state: 'submitted', version: 1 });
  });

  test('a press from another channel or another tenant is refused and changes nothing', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    const data = { ticket: number, version: 1, ackPriority: 'P3', ackSeverity: 'Low' };
    const otherChannel = new TeamsChannel(test_.url, test_.connector, teamChannel());
    const fromElsewhere = await otherChannel.execute('support.acknowledge', data, activityId);
    expect(fromElsewhere.body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });

    const otherTenant = channel.as({ tenantId: '0b3a1c55-9f0e-4a57-8f34-5a1d2c3b4e5f' });
    const fromOtherTenant = await otherTenant.execute('support.acknowledge', data, activityId);
    expect(fromOtherTenant.body).toMatchObject({ statusCode: 403 });

    expect(await stored(number)).toMatchObject({ state: 'submitted', version: 1 });
    const refused = test_.logs.filter((l) => l.event === 'support_channel.action_refused');
    expect(refused.map((l) => l.reason)).toEqual(expect.arrayContaining(['otherChannel', 'otherTenant']));
  });

  test('an analyst with Russian Teams gets the answer card in Russian', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    const russian = channel.as({ locale: 'ru-RU', tenantId: channel.user.tenantId, name: 'Иван Аналитик' });
    const result = await russian.execute(
      'support.post_message',
      { ticket: number, version: 1, message: 'Смотрим' },
      activityId,
    );
    expect(cardTexts(invokeCard(result.body)).join('\n')).toContain('Сохранено (Иван Аналитик)');
  });

  test('a change made through the support REST API updates the channel card in place', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    const ack = await call(test_.url, 'POST', `/api/support/tickets/${number}/acknowledge`, {
      token: supportKey,
      ifMatch: '"1"',
      body: { priority: 'P3', severity: 'Medium' },
    });
    expect(ack.status).toBe(200);
    const question = await call(test_.url, 'POST', `/api/support/tickets/${number}/questions`, {
      token: supportKey,
      ifMatch: '"2"',
      body: { question: 'Which versions are affected?' },
    });
    expect(question.status).toBe(200);
    const [update] = await test_.connector.waitFor(
      (c) =>
        c.kind === 'update' &&
        c.activityId === activityId &&
        cardTexts(adaptiveCardsOf(c.body)).includes("Waiting for the publisher's answer"),
    );
    expect(cardTexts(adaptiveCardsOf(update!.body))).toContain('Which versions are affected?');
    // One card per ticket: the changes updated it, none posted a second one.
    const posts = test_.connector.calls.filter(
      (c) =>
        c.kind === 'send' &&
        c.conversationId === channel.place.channelId &&
        cardTexts(adaptiveCardsOf(c.body)).includes(number),
    );
    expect(posts).toHaveLength(1);
  });

  test('every triage card carries a refresh (Action.Execute and the userIds of those who work the cards)', async () => {
    const { number, card } = await fileAndWaitForCard();
    expectTeamsCard(card);
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'support.refresh',
        title: 'Refresh',
        data: { ticket: number },
      },
      userIds: expect.any(Array),
    });
    // Teams ids, not Entra ones; the analyst who bound the channel is on the list from the start.
    const { userIds } = card.refresh as { userIds: string[] };
    expect(userIds).toContain(channel.user.id);
    expect(userIds.every((id) => id.startsWith('29:'))).toBe(true);
    expect(userIds.length).toBeLessThanOrEqual(60);
  });

  test('a refresh invoke over HTTP answers with the ticket’s card as it is now, and its viewer joins the refresh list', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    const ack = await call(test_.url, 'POST', `/api/support/tickets/${number}/acknowledge`, {
      token: supportKey,
      ifMatch: '"1"',
      body: { priority: 'P2', severity: 'High' },
    });
    expect(ack.status).toBe(200);
    const kim = channel.as({ tenantId: channel.user.tenantId });
    const refreshed = await kim.execute('support.refresh', { ticket: number }, activityId, 'automatic');
    expect(refreshed.status).toBe(200);
    const card = teamsCard(refreshed.body);
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['Acknowledged', 'P2', 'High']));
    expect(cardTexts(card).join('\n')).toContain('Card shows version 2 of the ticket.');
    expect(actionTitles(card)).not.toContain('Acknowledge…');
    // A refresh changes nothing and tells no one.
    expect(await stored(number)).toMatchObject({ state: 'acknowledged', version: 2 });
    expect(refreshed.replies).toEqual([]);
    const viewers = (card.refresh as { userIds: string[] }).userIds;
    expect(viewers[0]).toBe(kim.user.id);
    expect(viewers).toContain(channel.user.id);
    expect(test_.logs.some((l) => l.event === 'support_channel.refreshed' && l.trigger === 'automatic')).toBe(
      true,
    );

    // The next card sent for the ticket lists Kim too; the presser, already near the front, is not moved.
    const again = await channel.execute('support.refresh', { ticket: number }, activityId);
    const listed = (teamsCard(again.body).refresh as { userIds: string[] }).userIds;
    expect(listed[0]).toBe(kim.user.id);
    expect(listed).toContain(channel.user.id);
  });

  test('a refresh from outside the support channel or for an unknown ticket shows nothing', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    const otherChannel = new TeamsChannel(test_.url, test_.connector, teamChannel());
    const fromElsewhere = await otherChannel.execute('support.refresh', { ticket: number }, activityId);
    expect(fromElsewhere.body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
    const otherTenant = channel.as({ tenantId: '0b3a1c55-9f0e-4a57-8f34-5a1d2c3b4e5f' });
    expect((await otherTenant.execute('support.refresh', { ticket: number }, activityId)).body).toMatchObject(
      {
        statusCode: 403,
      },
    );
    const unknown = await channel.execute('support.refresh', { ticket: 'SEC-0000-0000' }, activityId);
    expect(unknown.body).toMatchObject({ statusCode: 404, type: 'application/vnd.microsoft.error' });
  });

  /** The answer to a press, as Teams takes it: valid, accessible, at most five buttons in a row. */
  function teamsCard(body: unknown): Record<string, unknown> {
    const card = invokeCard(body);
    expectTeamsCard(card);
    return card;
  }

  /** The message shown right under an input (the card puts a field's error next to it), if any. */
  function errorUnder(card: unknown, inputId: string): string | undefined {
    let found: string | undefined;
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => {
          const next = node[i + 1] as { type?: string; color?: string; text?: string } | undefined;
          if (
            (child as { id?: unknown })?.id === inputId &&
            next?.type === 'TextBlock' &&
            next.color === 'Attention'
          )
            found = next.text;
        });
      }
      if (node && typeof node === 'object') Object.values(node).forEach(visit);
    };
    visit(card);
    return found;
  }

  async function acknowledged(number: string, activityId: string) {
    const result = await channel.execute(
      'support.acknowledge',
      { ticket: number, version: 1, ackPriority: 'P3', ackSeverity: 'Medium' },
      activityId,
    );
    return teamsCard(result.body);
  }

  async function eventsOf(number: string, type: string) {
    const { id } = await stored(number);
    const rows = await test_.app.store.db
      .selectFrom('ticket_events')
      .select(['payload', 'actor_id'])
      .where('ticket_id', '=', id)
      .where('type', '=', type)
      .execute();
    return rows.map((row) => ({ actorId: row.actor_id, data: JSON.parse(row.payload) as unknown }));
  }

  test('before acknowledgement the card offers no priority or severity change, and a forged press changes nothing', async () => {
    const { number, activityId, card } = await fileAndWaitForCard();
    expectTeamsCard(card);
    expect(actionTitles(card)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^Change (priority|severity)…$/)]),
    );
    const forged = await channel.execute(
      'support.change_priority',
      { ticket: number, version: 1, newPriority: 'P1' },
      activityId,
    );
    expect(cardTexts(invokeCard(forged.body)).join('\n')).toContain(
      'this cannot be done while the ticket is “Submitted, waiting for acknowledgement”',
    );
    expect(await stored(number)).toMatchObject({ state: 'submitted', priority: null, version: 1 });
  });

  test('Change priority on an acknowledged ticket saves the new priority with its reason', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    const card = await acknowledged(number, activityId);
    expect(actionTitles(card)).toEqual(expect.arrayContaining(['Change priority…', 'Change severity…']));
    // The form starts from the ticket's current priority.
    expect(JSON.stringify(card)).toMatch(/"id":"newPriority"[^}]*"value":"P3"/);

    const result = await channel.execute(
      'support.change_priority',
      { ticket: number, version: 2, newPriority: 'P1', priorityReason: 'Exploited in the wild' },
      activityId,
    );
    const answer = teamsCard(result.body);
    expect(cardTexts(answer)).toEqual(
      expect.arrayContaining(['P1', `Saved by Sam Analyst. The publisher is notified.`]),
    );
    expect(await stored(number)).toMatchObject({ priority: 'P1', severity: 'Medium', version: 3 });
    expect(await eventsOf(number, 'priority_changed')).toEqual([
      {
        actorId: channel.user.aadObjectId,
        data: { from: 'P3', to: 'P1', reason: 'Exploited in the wild' },
      },
    ]);
    await test_.connector.waitFor(
      (c) =>
        c.kind === 'update' &&
        c.activityId === activityId &&
        cardTexts(adaptiveCardsOf(c.body)).includes('P1'),
    );
  });

  test('Change severity to the value it already has is refused next to the field, keeping the typed reason', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    await acknowledged(number, activityId);
    const result = await channel.execute(
      'support.change_severity',
      { ticket: number, version: 2, newSeverity: 'Medium', severityReason: 'Re-scored' },
      activityId,
    );
    const card = teamsCard(result.body);
    expect(errorUnder(card, 'newSeverity')).toBe('It already has this value.');
    expect(JSON.stringify(card)).toMatch(/"id":"severityReason"[^}]*"value":"Re-scored"/);
    expect(JSON.stringify(card)).toContain('some fields need attention');
    expect(await stored(number)).toMatchObject({ severity: 'Medium', version: 2 });
  });

  test('a too-long reason is refused next to the reason field, not the close form’s', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    await acknowledged(number, activityId);
    const result = await channel.execute(
      'support.change_severity',
      { ticket: number, version: 2, newSeverity: 'Critical', severityReason: 'x'.repeat(501) },
      activityId,
    );
    const card = teamsCard(result.body);
    expect(errorUnder(card, 'severityReason')).toBe('At most 500 characters; this has 501.');
    expect(errorUnder(card, 'closeReason')).toBeUndefined();
    expect(await stored(number)).toMatchObject({ severity: 'Medium', version: 2 });
  });

  test('Change severity from a card showing an older version changes nothing', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    await acknowledged(number, activityId);
    const stale = await channel.execute(
      'support.change_severity',
      { ticket: number, version: 1, newSeverity: 'Critical' },
      activityId,
    );
    expect(cardTexts(teamsCard(stale.body)).join('\n')).toContain('Someone else changed this ticket first');
    expect(await stored(number)).toMatchObject({ severity: 'Medium', version: 2 });
  });

  test('Reopen the assessment is offered only on an outcome, withdraws it and offers Set outcome again', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    const assessing = await acknowledged(number, activityId);
    expect(actionTitles(assessing)).not.toContain('Reopen assessment…');
    const outcome = await channel.execute(
      'support.set_outcome',
      { ticket: number, version: 2, outcomeKind: 'mitigated', summary: 'Fixed in 2.4.1.' },
      activityId,
    );
    const withOutcome = teamsCard(outcome.body);
    expect(actionTitles(withOutcome)).toEqual(expect.arrayContaining(['Reopen assessment…', 'Close…']));
    expect(actionTitles(withOutcome)).not.toContain('Set outcome…');
    const version = (await stored(number)).version;

    const reopened = await channel.execute(
      'support.start_assessment',
      { ticket: number, version },
      activityId,
    );
    const card = teamsCard(reopened.body);
    expect(cardTexts(card)).toContain('In assessment');
    expect(actionTitles(card)).toContain('Set outcome…');
    expect(actionTitles(card)).not.toContain('Reopen assessment…');
    const row = await test_.app.store.db
      .selectFrom('tickets')
      .select(['state', 'outcome', 'version'])
      .where('confirmation_number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'in_assessment', outcome: null, version: version + 1 });
    expect((await eventsOf(number, 'assessment_started')).map((e) => e.data)).toContainEqual({
      reopened: true,
    });

    // Pressed again from the same (now stale) card: refused, nothing changes.
    const again = await channel.execute('support.start_assessment', { ticket: number, version }, activityId);
    expect(cardTexts(invokeCard(again.body)).join('\n')).toContain('Someone else changed this ticket first');
    expect((await stored(number)).version).toBe(version + 1);
  });

  test('an analyst with Russian Teams sees the new buttons and field errors in Russian', async () => {
    const { number, activityId } = await fileAndWaitForCard();
    await acknowledged(number, activityId);
    const russian = channel.as({ locale: 'ru-RU', tenantId: channel.user.tenantId, name: 'Иван Аналитик' });
    const result = await russian.execute(
      'support.change_priority',
      { ticket: number, version: 2, newPriority: 'P3' },
      activityId,
    );
    const card = teamsCard(result.body);
    expect(actionTitles(card)).toEqual(
      expect.arrayContaining(['Изменить приоритет…', 'Уровень серьёзности…']),
    );
    expect(errorUnder(card, 'newPriority')).toBe('Значение уже такое.');
  });

  // Last in this block: it stops the app's own delivery engine so that only the three instances race.
  test('three delivery engines racing over the same store post one card per ticket', async () => {
    const support = test_.app.ticketing.supportDesk?.support;
    const running = test_.app.supportChannel;
    if (!support || !running) throw new Error('embedded backend expected');
    await test_.app.delivery.stop();
    const clock = new FixedClock('2026-11-24T18:00:00.000Z');
    const logger = createLogger('silent');
    const instances = ['instance-a', 'instance-b', 'instance-c'].map(
      (owner) =>
        new DeliveryEngine({
          sinks: [
            new SupportChannelSink({
              cards: new SupportCards(test_.app.store.db, test_.app.store.engine),
              registrations: running.registrations,
              viewers: running.viewers,
              support,
              channel: new BotFrameworkChannel(test_.config.bot, clock),
              clock,
              logger,
              timeZone: test_.config.sla.timeZone,
              locale: test_.config.support.channelLocale,
            }),
          ],
          gate: createSendGate({
            engine: test_.app.store.engine,
            db: test_.app.store.db,
            globalPerSecond: 50,
          }),
          clock,
          logger,
          settings: test_.config.notify,
          doorbell: new Doorbell(),
          owner,
        }),
    );
    // Cards other tests left behind their tickets are brought up to date first, so only new ones race.
    while ((await instances[0]!.runOnce()) > 0);
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      drafts += 1;
      const filed = await test_.app.backend.submit({
        ...vulnerabilitySubmission(),
        submissionKey: `race-${drafts}`,
      });
      if (!filed.ok) throw new Error('not filed');
      numbers.push(filed.record.ticket.confirmationNumber);
    }
    const postsOf = (number: string) =>
      test_.connector.calls.filter(
        (c) =>
          c.kind === 'send' &&
          c.conversationId === channel.place.channelId &&
          cardTexts(adaptiveCardsOf(c.body)).includes(number),
      );

    const done = await Promise.all(instances.map((feed) => feed.runOnce()));
    // Each ticket was brought up to date by exactly one instance: the others lost the claim.
    expect(done.reduce((a, b) => a + b, 0)).toBe(numbers.length);
    for (const number of numbers) expect(postsOf(number)).toHaveLength(1);

    expect(await Promise.all(instances.map((feed) => feed.runOnce()))).toEqual([0, 0, 0]);
    for (const number of numbers) expect(postsOf(number)).toHaveLength(1);
    const cards = await test_.app.store.db
      .selectFrom('support_channel_cards as c')
      .innerJoin('tickets as t', 't.id', 'c.ticket_id')
      .select(['c.activity_id', 'c.lease_owner', 'c.shown_version', 't.version'])
      .where('t.confirmation_number', 'in', numbers)
      .execute();
    expect(cards).toHaveLength(numbers.length);
    for (const card of cards) {
      expect(card).toMatchObject({ lease_owner: null, shown_version: card.version });
      expect(card.activity_id).toEqual(expect.any(String));
    }
  });
});
