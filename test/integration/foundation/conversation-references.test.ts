import { ConversationReferences } from '../../../src/store/conversation-references';
import { startTestApp, type TestApp } from '../../support/test-app';

describe('where each user can be reached', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test('installing saves the personal conversation; uninstalling marks it inactive', async () => {
    const chat = app.chat({ locale: 'ru-RU' });
    await chat.install();
    const references = new ConversationReferences(app.app.store.db);
    const saved = await references.findForUser(chat.user.tenantId, chat.user.aadObjectId);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      conversation: expect.objectContaining({ id: chat.conversationId }),
      conversationType: 'personal',
      locale: 'ru',
      serviceUrl: app.connector.url,
      channelId: 'msteams',
      user: expect.objectContaining({ aadObjectId: chat.user.aadObjectId }),
    });

    await chat.uninstall();
    expect(await references.findForUser(chat.user.tenantId, chat.user.aadObjectId)).toHaveLength(0);
  });

  test('every message refreshes the saved reference, including the language the user last spoke', async () => {
    const chat = app.chat({ locale: 'en-US' });
    await chat.send('help');
    const references = new ConversationReferences(app.app.store.db);
    expect((await references.findForUser(chat.user.tenantId, chat.user.aadObjectId))[0]?.locale).toBe('en');
    const russian = new (chat.constructor as typeof import('../../support/teams-activities').TeamsChat)(
      app.url,
      app.connector,
      { ...chat.user, locale: 'ru-RU' },
      chat.conversationId,
    );
    await russian.send('справка');
    expect((await references.findForUser(chat.user.tenantId, chat.user.aadObjectId))[0]?.locale).toBe('ru');
  });
});
