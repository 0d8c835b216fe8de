import { BOT_ID, cardsIn } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';

describe('the welcome when Teams sends both install events at once', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test('two install events arriving together produce exactly one welcome card', async () => {
    const chat = app.chat();
    const results = await Promise.all([
      chat.post(chat.base('conversationUpdate', { membersAdded: [{ id: BOT_ID }] })),
      chat.post(chat.base('installationUpdate', { action: 'add' })),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const sent = app.connector.calls.filter((c) => c.conversationId === chat.conversationId);
    expect(sent.flatMap((c) => cardsIn({ status: 200, body: undefined, replies: [c] }))).toHaveLength(1);
  });

  test('after an uninstall, installing again greets again', async () => {
    const chat = app.chat();
    expect((await chat.install()).flatMap(cardsIn)).toHaveLength(1);
    await chat.uninstall();
    expect((await chat.install()).flatMap(cardsIn)).toHaveLength(1);
  });
});
