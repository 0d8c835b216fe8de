import { applyAndSave } from '../../../src/backend/embedded/apply-and-save';
import { actionTitles, adaptiveCardsOf, cardTexts } from '../../support/connector-stand-in';
import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  nothingPending,
  outboxStates,
  notifyEnv,
  reportFrom,
  sendsTo,
  SupportDesk,
  textsOf,
  until,
} from './notify-harness';

const cases = [
  {
    language: 'English',
    userLocale: 'en-US',
    expect: {
      overdue: 'We are late acknowledging your report',
      acknowledged: 'Support has acknowledged your report',
      priorityMeaning: 'P1 — critical',
      nextUpdate: 'within 4 hours',
      priorityChanged: 'The priority of your report changed',
      severityChanged: 'The severity of your report changed',
      severityNames: 'from Critical to High',
      question: 'Support has a question about your report',
      sendAnswer: 'Send answer',
      answered: 'your answer was added',
      message: 'Support sent you a message',
      outcome: 'Support has finished assessing your report',
      changeRequested: 'a change to your offer is requested',
      removed: 'removed from Azure Marketplace',
      restore: 'How to get the offer restored',
      help: 'minimise the impact on your customers',
      closed: 'Your report is closed',
    },
  },
  {
    // The report was filed in English; the publisher now speaks Russian, so updates come in Russian.
    language: 'Russian (the language the user last spoke)',
    userLocale: 'ru-RU',
    ticketLocale: 'en-US',
    expect: {
      overdue: 'Мы задерживаем подтверждение вашей заявки',
      acknowledged: 'Поддержка подтвердила получение вашей заявки',
      priorityMeaning: 'P1 — критический',
      nextUpdate: 'в течение 4 часов',
      priorityChanged: 'Приоритет вашей заявки изменён',
      severityChanged: 'Уровень серьёзности вашей заявки изменён',
      severityNames: 'был «Критический», стал «Высокий»',
      question: 'У поддержки есть вопрос по вашей заявке',
      sendAnswer: 'Отправить ответ',
      answered: 'ваш ответ добавлен',
      message: 'Поддержка отправила вам сообщение',
      outcome: 'Поддержка завершила оценку вашей заявки',
      changeRequested: 'требуется изменить ваше предложение',
      removed: 'снято с публикации в Azure Marketplace',
      restore: 'Как восстановить предложение',
      help: 'свести к минимуму последствия для ваших клиентов',
      closed: 'Ваша заявка закрыта',
    },
  },
];

describe.each(cases)(
  'notifications to the publisher in $language',
  ({ userLocale, ticketLocale, expect: text }) => {
    let test: TestApp;
    const clock = new FixedClock('2026-11-24T10:00:00.000Z');

    beforeAll(async () => {
      test = await startTestApp({ clock, env: notifyEnv });
    });
    afterAll(() => test.close());

    it('tells the publisher of every change as a new message and updates the status card in place', async () => {
      const chat = test.chat({ locale: userLocale });
      await chat.install();
      const filed = await test.app.backend.submit(
        reportFrom(chat, ticketLocale ? { locale: ticketLocale } : {}),
      );
      if (!filed.ok) throw new Error('report not filed');
      const number = filed.record.ticket.confirmationNumber;
      await test.app.backend.rememberCard(number, {
        kind: 'status',
        conversationId: chat.conversationId,
        activityId: 'status-1',
        locale: userLocale,
      });
      const desk = new SupportDesk(test.app.store, clock);
      const sends = sendsTo(chat.conversationId);
      const nth = async (n: number) => {
        test.app.delivery.wake();
        const calls = await test.connector.waitFor(sends, n);
        return calls[n - 1]!;
      };

      // Overdue: nobody acknowledged within one business day.
      clock.set(new Date(Date.parse(filed.record.ticket.ackDueAt) + 60_000));
      const stored = await desk.repository.findByNumber(number);
      const overdue = await applyAndSave(
        desk.repository,
        stored!,
        { type: 'mark_ack_overdue' },
        { kind: 'system', id: 'ack-overdue-job' },
        clock.now(),
      );
      expect(overdue.ok).toBe(true);
      expect(textsOf(await nth(1))).toContain(text.overdue);

      await desk.act(number, { type: 'acknowledge', priority: 'P1', severity: 'Critical' });
      const ack = textsOf(await nth(2));
      expect(ack).toContain(text.acknowledged);
      expect(ack).toContain(number);
      expect(ack).toContain(text.priorityMeaning);
      expect(ack).toContain(text.nextUpdate);
      const cardUpdates = test.connector.calls.filter(
        (c) => c.kind === 'update' && c.activityId === 'status-1',
      );
      expect(cardUpdates.length).toBeGreaterThanOrEqual(1);
      // The priority as a fact's value on a line of its own (a confirmation number may hold "P1" too).
      expect(adaptiveCardsOf(cardUpdates.at(-1)!.body).flatMap(cardTexts).join('\n')).toMatch(/^P1$/m);

      await desk.act(number, { type: 'change_priority', priority: 'P2', reason: 'Contained by a WAF rule' });
      const priority = textsOf(await nth(3));
      expect(priority).toContain(text.priorityChanged);
      expect(priority).toContain('Contained by a WAF rule');

      await desk.act(number, { type: 'change_severity', severity: 'High' });
      const severity = textsOf(await nth(4));
      expect(severity).toContain(text.severityChanged);
      // Severities are named in the reader's language, never as the stored English value.
      expect(severity).toContain(text.severityNames);

      await desk.act(number, { type: 'ask_question', question: 'Which versions are affected? *all*' });
      const questionCall = await nth(5);
      const [questionCard] = adaptiveCardsOf(questionCall.body);
      expect(textsOf(questionCall)).toContain(text.question);
      expect(textsOf(questionCall)).toContain('Which versions are affected? *all*');
      expect(actionTitles(questionCard)).toEqual([text.sendAnswer]);
      expect(JSON.stringify(questionCard)).toContain('"type":"Input.Text"');

      const reply = await chat.submit({
        cmd: 'answer_question',
        confirmationNumber: number,
        answer: 'Only 2.3.x',
      });
      expect(reply.replies.map((c) => String(c.body.text ?? '')).join('\n')).toContain(text.answered);
      const afterAnswer = await test.app.backend.getForTenant(chat.user.tenantId, number);
      expect(afterAnswer?.ticket.state).toBe('in_assessment');

      await desk.act(number, { type: 'post_message', message: 'We are testing your fix.' });
      const message = textsOf(await nth(6));
      expect(message).toContain(text.message);
      expect(message).toContain('We are testing your fix.');

      await desk.act(number, {
        type: 'set_outcome',
        outcome: {
          kind: 'change_requested',
          summary: 'The fix works but the old package is still offered.',
          whatMustChange: 'Withdraw version 2.3 from the plan.',
          dueBy: '2026-12-15',
        },
      });
      const change = textsOf(await nth(7));
      expect(change).toContain(text.outcome);
      expect(change).toContain(text.changeRequested);
      expect(change).toContain('Withdraw version 2.3 from the plan.');
      expect(change).toContain('2026');
      expect(change).toContain(text.help);

      await desk.act(number, { type: 'start_assessment' });
      await desk.act(number, {
        type: 'set_outcome',
        outcome: {
          kind: 'offer_removed',
          summary: 'Not fixed in time.',
          removal: 'temporary',
          reason: 'Exploited in the wild.',
        },
      });
      const removed = textsOf(await nth(8));
      expect(removed).toContain(text.removed);
      expect(removed).toContain(text.restore);
      expect(removed).toContain('Exploited in the wild.');

      await desk.act(number, { type: 'close' });
      expect(textsOf(await nth(9))).toContain(text.closed);

      // The publisher's own answer was not sent back to them; every row reached a final state.
      await until(nothingPending(test.app.store));
      const states = await outboxStates(test.app.store);
      expect(states.find((s) => s.type === 'question_answered')?.state).toBe('skipped');
      expect(states.find((s) => s.type === 'submitted')?.state).toBe('skipped');
      expect(states.filter((s) => s.state === 'sent')).toHaveLength(9);
      expect(test.connector.calls.filter(sends)).toHaveLength(9);
    });
  },
);
