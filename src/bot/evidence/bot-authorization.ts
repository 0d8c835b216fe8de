import type { TurnContext } from 'botbuilder';

interface SignableRequest {
  headers: { set(name: string, value: string): void; get(name: string): string | undefined };
  url: string;
  method: string;
}

interface ConnectorCredentials {
  signRequest(request: SignableRequest): Promise<unknown>;
}

/**
 * The `Authorization` header the turn's connector client would send (the bot's token), for an inline
 * image's contentUrl in the Bot Connector's attachment store. Undefined in local mode, where the
 * connector client signs nothing. The URL's host is checked against the allow-list before it is used.
 */
export async function botAuthorization(context: TurnContext, url: string): Promise<string | undefined> {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as
    { credentials?: ConnectorCredentials } | undefined;
  const credentials = client?.credentials;
  if (!credentials || typeof credentials.signRequest !== 'function') return undefined;
  const headers = new Map<string, string>();
  await credentials.signRequest({
    url,
    method: 'GET',
    headers: {
      set: (name, value) => void headers.set(name.toLowerCase(), value),
      get: (name) => headers.get(name.toLowerCase()),
    },
  });
  return headers.get('authorization');
}
