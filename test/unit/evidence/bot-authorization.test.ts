import { TurnContext, type BotAdapter } from 'botbuilder';
import { botAuthorization } from '../../../src/bot/evidence/bot-authorization';

/** A turn whose connector client signs requests as botbuilder's does (MSAL credentials behind it). */
function turnWith(client: unknown): TurnContext {
  const adapter = { ConnectorClientKey: Symbol('ConnectorClient') } as unknown as BotAdapter;
  const context = new TurnContext(adapter, { type: 'message', conversation: { id: 'a:1' } } as never);
  if (client !== undefined) context.turnState.set(adapter.ConnectorClientKey, client);
  return context;
}

describe("the bot's token for an inline image's contentUrl", () => {
  test('is what the turn’s connector credentials put on a GET of that URL', async () => {
    const signed: Array<{ url: string; method: string }> = [];
    const context = turnWith({
      credentials: {
        async signRequest(request: {
          url: string;
          method: string;
          headers: { set(n: string, v: string): void };
        }) {
          signed.push({ url: request.url, method: request.method });
          request.headers.set('Authorization', 'Bearer bot-token-for-smba');
        },
      },
    });
    const url = 'https://smba.trafficmanager.net/amer/v3/attachments/0-eus-d1/views/original';
    await expect(botAuthorization(context, url)).resolves.toBe('Bearer bot-token-for-smba');
    expect(signed).toEqual([{ url, method: 'GET' }]);
  });

  test('is nothing in local mode (no connector credentials) or for a client that cannot sign', async () => {
    await expect(
      botAuthorization(turnWith(undefined), 'https://smba.trafficmanager.net/x'),
    ).resolves.toBeUndefined();
    await expect(
      botAuthorization(turnWith({ credentials: {} }), 'https://smba.trafficmanager.net/x'),
    ).resolves.toBeUndefined();
  });
});
