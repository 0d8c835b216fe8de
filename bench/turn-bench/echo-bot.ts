import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';

/**
 * The baseline: a bare botbuilder bot on the same stack as ours (restify, CloudAdapter without app
 * credentials, conversation state in memory). A message is answered with one message through the
 * connector, as our bot answers; an Action.Execute with a one-line card in the invoke response.
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? JSON.stringify(context.activity.value)}`);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    _context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: `echo: ${value.action?.verb ?? ''}`, wrap: true }],
      },
    };
  }
}

export async function startEchoBot(): Promise<{ url: string; stop(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const state = new ConversationState(new MemoryStorage());
  const bot = new EchoBot();
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await bot.run(context);
      await state.saveChanges(context);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
