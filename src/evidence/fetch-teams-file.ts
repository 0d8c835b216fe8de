import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isAllowedHost } from './host-allow-list';
import { isLoopbackAddress, isPublicAddress } from './is-public-address';

export interface FetchFileOptions {
  /** EVIDENCE_FILE_HOSTS. */
  readonly hosts: readonly string[];
  /** Tests only (EVIDENCE_ALLOW_LOOPBACK): 127.0.0.1 / ::1 / localhost over http, where the stand-in is. */
  readonly allowLoopback: boolean;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** The bot's token, for an inline image's contentUrl (the Bot Connector's store); never for a downloadUrl. */
  readonly authorization?: string;
  /** Replaces DNS (tests). */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
}

export type FetchRefusal =
  /** The URL is not on a Teams file host (or not https): no request was made. */
  | 'foreignHost'
  /** The host resolves to a private, loopback or link-local address: no request was made. */
  | 'privateAddress'
  /** 401, 403, 404 or 410: the short-lived link has expired (or was never valid). */
  | 'expired'
  | 'tooLarge'
  | 'empty'
  /** The host could not be reached, timed out or answered something else. */
  | 'unreachable';

export type FetchFileResult =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly reason: FetchRefusal; readonly detail: string };

const maxRedirects = 3;

/**
 * Downloads a file Teams announced, without becoming a proxy into our network (server-side request
 * forgery): only https URLs on the allow-listed hosts, each name resolved first and refused when any of
 * its addresses is not public, and the connection made to the address that was checked (so a second,
 * different DNS answer cannot slip in). Redirects are followed only to allowed hosts, checked the same
 * way, and the token is never carried to another host. The body is cut off past `maxBytes`.
 */
export async function fetchTeamsFile(rawUrl: string, options: FetchFileOptions): Promise<FetchFileResult> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return refuse('foreignHost', 'not a URL');
  }
  let authorization = options.authorization;
  for (let redirects = 0; ; redirects++) {
    const target = await checkTarget(url, options);
    if (!target.ok) return target;
    const answer = await get(url, target.address, authorization, options);
    if (!answer.ok) return answer;
    const { response } = answer;
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (redirects >= maxRedirects) return refuse('unreachable', 'too many redirects');
      const next = safeUrl(response.headers.location, url);
      if (!next) return refuse('foreignHost', 'redirect to something that is not a URL');
      if (next.host !== url.host) authorization = undefined;
      url = next;
      continue;
    }
    if ([401, 403, 404, 410].includes(status)) {
      response.resume();
      return refuse('expired', `the file host answered ${status}`);
    }
    if (status < 200 || status >= 300) {
      response.resume();
      return refuse('unreachable', `the file host answered ${status}`);
    }
    return readBody(response, options.maxBytes);
  }
}

function refuse(reason: FetchRefusal, detail: string): FetchFileResult & { ok: false } {
  return { ok: false, reason, detail };
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** The one address the request may connect to, or why the URL is refused without a request. */
async function checkTarget(
  url: URL,
  options: FetchFileOptions,
): Promise<{ ok: true; address: string } | (FetchFileResult & { ok: false })> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackName = host === 'localhost' || isLoopbackAddress(host);
  const testLoopback = options.allowLoopback && loopbackName;
  if (url.username || url.password) return refuse('foreignHost', 'credentials in the URL');
  if (url.protocol !== 'https:' && !(testLoopback && url.protocol === 'http:')) {
    return refuse('foreignHost', `${url.protocol} is not https`);
  }
  if (!testLoopback && !isAllowedHost(host, options.hosts)) {
    return refuse('foreignHost', `${host} is not a Teams file host`);
  }
  let addresses: readonly string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = options.resolve
        ? await options.resolve(host)
        : (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch (error) {
      return refuse('unreachable', `${host} does not resolve (${(error as Error).message.slice(0, 80)})`);
    }
  }
  const allowed = (address: string) =>
    isPublicAddress(address) || (options.allowLoopback && isLoopbackAddress(address));
  const bad = addresses.find((address) => !allowed(address));
  if (bad !== undefined) return refuse('privateAddress', `${host} resolves to ${bad}`);
  const [first] = addresses;
  if (first === undefined) return refuse('unreachable', `${host} has no address`);
  return { ok: true, address: first };
}

function get(
  url: URL,
  address: string,
  authorization: string | undefined,
  options: FetchFileOptions,
): Promise<{ ok: true; response: IncomingMessage } | (FetchFileResult & { ok: false })> {
  // The connection goes to the address checked above, whatever DNS says now; TLS still checks the name.
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    const family = isIP(address);
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address, family },
      ]);
    } else callback(null, address, family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      url,
      {
        method: 'GET',
        lookup: pinned,
        // A connection of its own: a pooled socket would skip the address check made for this request.
        agent: false,
        timeout: options.timeoutMs,
        headers: {
          'User-Agent': 'SecurityDesk/1 (evidence intake)',
          Accept: '*/*',
          ...(authorization ? { Authorization: authorization } : {}),
        },
      },
      (response) => resolve({ ok: true, response }),
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve(refuse('unreachable', error.message.slice(0, 120))));
    req.end();
  });
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<FetchFileResult> {
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.resolve(refuse('tooLarge', `${declared} bytes declared`));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (result: FetchFileResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    response.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        settle(refuse('tooLarge', `more than ${maxBytes} bytes`));
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () =>
      settle(total === 0 ? refuse('empty', 'no bytes') : { ok: true, bytes: Buffer.concat(chunks, total) }),
    );
    response.on('error', (error) => settle(refuse('unreachable', error.message.slice(0, 120))));
    response.on('close', () => settle(refuse('unreachable', 'the connection closed early')));
  });
}
