import { cardTexts } from '../../support/connector-stand-in';
import { cardsIn } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';

async function postRaw(
  app: TestApp,
  body: string,
  contentType = 'application/json',
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Lines logged for refused requests since `from`. */
function refusals(app: TestApp, from: number) {
  return app.logs.slice(from).filter((l) => l.event === 'http.refused' || l.event === 'http.failed');
}

describe('hostile or broken requests to /api/messages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { MAX_BODY_BYTES: '4096' } });
  });
  afterAll(() => app.close());

  afterEach(async () => {
    // Whatever came before, the server still serves everyone else.
    const [card] = cardsIn(await app.chat().send('help'));
    expect(cardTexts(card)).toContain('What I can do');
  });

  const cases: Array<[string, () => { body: string; contentType?: string }, number]> = [
    ['malformed JSON', () => ({ body: '{"type": "message", ' }), 400],
    ['a JSON array', () => ({ body: '[1,2,3]' }), 400],
    ['a JSON string', () => ({ body: '"hello"' }), 400],
    ['an object that is not an activity', () => ({ body: JSON.stringify({ hello: 'world' }) }), 400],
    ['plain text', () => ({ body: 'type=message', contentType: 'text/plain' }), 415],
  ];
  test.each(cases)('%s is answered %i with one log line', async (_name, make, status) => {
    const from = app.logs.length;
    const { body, contentType } = make();
    const response = await postRaw(app, body, contentType);
    expect(response.status).toBe(status);
    expect(refusals(app, from)).toHaveLength(1);
  });

  test('an activity without a conversation is refused with 400 and the reason', async () => {
    const chat = app.chat();
    const activity = chat.base('message', { text: 'help' });
    delete activity.conversation;
    const from = app.logs.length;
    const result = await chat.post(activity);
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain('conversation');
    expect(refusals(app, from)).toHaveLength(1);
    expect(app.connector.calls.filter((c) => c.conversationId === chat.conversationId)).toHaveLength(0);
  });

  test('an activity without a serviceUrl, or with one that is not http(s), is refused with 400', async () => {
    const chat = app.chat();
    const withoutUrl = chat.base('message', { text: 'help' });
    delete withoutUrl.serviceUrl;
    expect((await chat.post(withoutUrl)).status).toBe(400);
    expect(
      (await chat.post(chat.base('message', { text: 'help', serviceUrl: 'file:///etc/passwd' }))).status,
    ).toBe(400);
  });

  test('an activity type the bot does not know is accepted and ignored, with one log line', async () => {
    const chat = app.chat();
    const from = app.logs.length;
    const result = await chat.post(chat.base('somethingNew', { value: { x: 1 } }));
    expect(result.status).toBe(200);
    expect(result.replies).toHaveLength(0);
    expect(app.logs.slice(from).filter((l) => l.event === 'activity.ignored')).toHaveLength(1);
  });

  test('a body over MAX_BODY_BYTES is refused with 413', async () => {
    const chat = app.chat();
    const from = app.logs.length;
    const result = await chat.post(chat.base('message', { text: 'x'.repeat(5000) }));
    expect(result.status).toBe(413);
    expect(refusals(app, from)).toHaveLength(1);
  });
});

describe('with credentials configured', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'MultiTenant',
      },
    });
  });
  afterAll(() => app.close());

  test.each([
    ['no Authorization header', {}],
    ['a token that is not a JWT', { Authorization: 'Bearer not-a-token' }],
  ])('%s is answered 401 with one log line, and nothing is sent', async (_name, headers) => {
    const chat = app.chat();
    const from = app.logs.length;
    const result = await chat.post(chat.base('message', { text: 'help' }), headers as Record<string, string>);
    expect(result.status).toBe(401);
    expect(result.replies).toHaveLength(0);
    expect(refusals(app, from)).toHaveLength(1);
    expect(app.rawLogs.join('\n')).not.toContain('not-a-real-secret');
  });
});

describe('a Universal Action without its action', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test('is refused with 400 and one log line instead of failing inside the SDK', async () => {
    const chat = app.chat();
    const from = app.logs.length;
    const result = await chat.post(
      chat.base('invoke', { name: 'adaptiveCard/action', value: { trigger: 'manual' } }),
    );
    expect(result.status).toBe(400);
    expect(refusals(app, from)).toHaveLength(1);
    expect(app.logs.slice(from).filter((l) => l.level === 'error')).toHaveLength(0);
  });
});
