import type { E2eBot } from './start-e2e-bot';

export type SupportAction = 'acknowledge' | 'assessment' | 'questions' | 'messages' | 'outcome' | 'close';

/**
 * Support's side, as an analyst's tool calls it: the support REST API (docs/openapi.json) with the local
 * support key. Every change sends If-Match with the ETag just read, as the API requires.
 */
export async function supportAction(
  bot: E2eBot,
  confirmationNumber: string,
  action: SupportAction,
  body: Record<string, unknown>,
): Promise<void> {
  const url = `${bot.url}/api/support/tickets/${encodeURIComponent(confirmationNumber)}`;
  const headers = { authorization: `Bearer ${bot.supportApiKey}`, 'content-type': 'application/json' };
  const read = await fetch(url, { headers });
  if (read.status !== 200) throw new Error(`GET ${url}: ${read.status} ${await read.text()}`);
  const etag = read.headers.get('etag');
  if (!etag) throw new Error(`GET ${url} gave no ETag`);
  const changed = await fetch(`${url}/${action}`, {
    method: 'POST',
    headers: { ...headers, 'if-match': etag },
    body: JSON.stringify(body),
  });
  if (changed.status >= 300)
    throw new Error(`POST ${url}/${action}: ${changed.status} ${await changed.text()}`);
}

/**
 * A one-time code that makes a Teams channel the support channel, as support gets it: from the support API
 * (`createSupportChannelRegistration`), to be typed in the channel as `register support channel <code>`.
 */
export async function supportChannelCode(bot: E2eBot): Promise<string> {
  const url = `${bot.url}/api/support/channel-registrations`;
  const answer = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${bot.supportApiKey}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (answer.status !== 201) throw new Error(`POST ${url}: ${answer.status} ${await answer.text()}`);
  const { code } = (await answer.json()) as { code?: unknown };
  if (typeof code !== 'string' || !/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/.test(code)) {
    throw new Error(`POST ${url} gave no code: ${JSON.stringify(code)}`);
  }
  return code;
}
