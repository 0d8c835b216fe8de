import { cardTexts } from '../../support/connector-stand-in';
import { BOT_ID, cardsIn } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import { snapshotStore } from './hostile-harness';

/**
 * Issue 14.3: an activity lacking what the handlers use is refused at the door with 400 naming the
 * field, instead of a turn that crashes half-way (an apology sent, a reference stored for "unknown").
 */
describe('activities the turn could not handle', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  afterEach(async () => {
    // Whatever came before, the server still serves everyone else.
    const [card] = cardsIn(await app.chat().send('help'));
    expect(cardTexts(card)).toContain('What I can do');
  });

  const without = (field: string) => (activity: Record<string, unknown>) => {
    delete activity[field];
    return activity;
  };
  const cases: Array<[string, string, (activity: Record<string, unknown>) => Record<string, unknown>]> = [
    ['a message without a recipient', 'recipient', without('recipient')],
    ['a message without a sender', 'from', without('from')],
    ['a sender without an id', 'from.id', (a) => ({ ...a, from: { name: 'Mallory' } })],
    ['a recipient that is a string', 'recipient', (a) => ({ ...a, recipient: 'bot' })],
    [
      'membersAdded that is not a list',
      'membersAdded',
      (a) => ({ ...a, type: 'conversationUpdate', membersAdded: 'x' }),
    ],
    [
      'a member added without an id',
      'membersAdded.0.id',
      (a) => ({ ...a, type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }, {}].reverse() }),
    ],
    ['entities that are not objects', 'entities.0', (a) => ({ ...a, entities: ['mention'] })],
    ['channelData that is a string', 'channelData', (a) => ({ ...a, channelData: 'x' })],
    ['a conversation id that is a number', 'conversation.id', (a) => ({ ...a, conversation: { id: 7 } })],
  ];

  test.each(cases)(
    '%s is answered 400 naming %s, logged once, and nothing is stored or sent',
    async (_name, field, broken) => {
      const chat = app.chat();
      const activity = broken(chat.base('message', { text: 'help' }));
      const before = await snapshotStore(app.app.store.db);
      const from = app.logs.length;
      const result = await chat.post(activity);
      expect(result.status).toBe(400);
      expect(result.body).toEqual({
        type: 'urn:security-desk:problem:invalid-request',
        title: 'The request is not valid',
        status: 400,
        detail: expect.stringContaining(`Not a Bot Framework activity: ${field} `),
        problems: expect.arrayContaining([{ field, message: expect.any(String) }]),
      });
      const lines = app.logs.slice(from);
      expect(lines.filter((l) => l.event === 'http.refused')).toEqual([
        expect.objectContaining({ status: 400, level: 'warn' }),
      ]);
      expect(lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(await snapshotStore(app.app.store.db)).toEqual(before);
      expect(app.connector.calls.filter((c) => c.conversationId === chat.conversationId)).toEqual([]);
    },
  );

  test('a missing field reads "is required"; a wrong type says what it must be', async () => {
    const chat = app.chat();
    const missing = await chat.post(without('recipient')(chat.base('message', { text: 'help' })));
    expect((missing.body as { problems: unknown[] }).problems).toEqual([
      { field: 'recipient', message: 'is required' },
    ]);
    const wrong = await chat.post(chat.base('conversationUpdate', { membersAdded: 'x' }));
    expect((wrong.body as { problems: unknown[] }).problems).toEqual([
      { field: 'membersAdded', message: 'must be an array of members' },
    ]);
  });
});
