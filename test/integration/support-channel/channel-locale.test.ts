import { ConfigError, loadConfig } from '../../../src/config';
import { adaptiveCardsOf, cardTexts } from '../../support/connector-stand-in';
import { FixedClock } from '../../support/fixed-clock';
import { TeamsChannel, teamChannel } from '../../support/teams-channel';
import { startTestApp, type TestApp } from '../../support/test-app';
import { vulnerabilitySubmission } from '../../support/submissions';
import { registrationCode } from './support-channel-harness';

/** Files a report and returns its number and the post that brought its triage card to the channel. */
async function fileAndWaitForPost(app: TestApp, channel: TeamsChannel, submissionKey: string) {
  const result = await app.app.backend.submit({ ...vulnerabilitySubmission(), submissionKey });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const number = result.record.ticket.confirmationNumber;
  const [post] = await app.connector.waitFor(
    (c) =>
      c.kind === 'send' &&
      c.conversationId === channel.place.channelId &&
      cardTexts(adaptiveCardsOf(c.body)).includes(number),
  );
  return { number, post: post! };
}

describe('SUPPORT_CHANNEL_LOCALE', () => {
  test('is English unless set, and anything but en or ru stops start-up naming the variable', () => {
    expect(loadConfig({}).support.channelLocale).toBe('en');
    expect(loadConfig({ SUPPORT_CHANNEL_LOCALE: 'ru' }).support.channelLocale).toBe('ru');
    expect(() => loadConfig({ SUPPORT_CHANNEL_LOCALE: 'de' })).toThrow(ConfigError);
    expect(() => loadConfig({ SUPPORT_CHANNEL_LOCALE: 'de' })).toThrow(
      'SUPPORT_CHANNEL_LOCALE: must be one of en, ru',
    );
  });

  describe('set to ru', () => {
    let app: TestApp;
    let channel: TeamsChannel;

    beforeAll(async () => {
      app = await startTestApp({
        clock: new FixedClock('2026-11-24T18:00:00.000Z'),
        env: { NOTIFY_POLL_MS: '50', SUPPORT_CHANNEL_LOCALE: 'ru' },
      });
      channel = new TeamsChannel(app.url, app.connector, teamChannel());
      await channel.mention(`register support channel ${await registrationCode(app)}`);
    });
    afterAll(() => app.close());

    test('new triage cards are posted in Russian, with a Russian notification summary', async () => {
      const { number, post } = await fileAndWaitForPost(app, channel, 'locale-1');
      const texts = cardTexts(adaptiveCardsOf(post.body));
      expect(texts).toEqual(
        expect.arrayContaining([
          `Уязвимость: заявка ${number}`,
          'Номер заявки',
          'Отправлена, ожидает подтверждения получения',
          'Подтвердить приём…',
        ]),
      );
      expect(texts).not.toContain('Vulnerability');
      expect(post.body.summary).toBe(`Заявка о безопасности ${number}`);
    });

    test('an analyst with English Teams still gets the answer to a press in English', async () => {
      const { number, post } = await fileAndWaitForPost(app, channel, 'locale-2');
      const result = await channel
        .as({ locale: 'en-US', tenantId: channel.user.tenantId })
        .execute(
          'support.post_message',
          { ticket: number, version: 1, message: 'On it' },
          post.newActivityId,
        );
      const answer = (result.body as { value: unknown }).value;
      expect(cardTexts(answer)).toContain('Saved by Kim Analyst. The publisher is notified.');
    });
  });
});
