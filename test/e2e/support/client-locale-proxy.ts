import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ClientLocaleProxy {
  /** Give this to the Playground as its bot endpoint. */
  readonly url: string;
  /** The Teams client language to claim from now on (e.g. 'ru-RU'); undefined passes activities as they are. */
  setLocale(locale: string | undefined): void;
  /**
   * Every activity the Playground posted to the bot, as the bot received it, with the bot's answer status:
   * what a failing or surprising step really sent.
   */
  readonly activities: ReadonlyArray<ForwardedActivity>;
  stop(): Promise<void>;
}

export interface ForwardedActivity {
  readonly activity: Record<string, unknown>;
  /** The bot's HTTP status; undefined until it answered. */
  status?: number;
  /** The bot's answer body when it had one (an invoke's response). */
  answer?: string;
}

/**
 * The Playground 0.2.28 writes `locale: "en-US"` into every activity it sends (no option, setting or
 * environment variable changes it), while Teams sends the language the person's client is set to. This
 * forwarder sits between the Playground and the bot and does what a Russian Teams client would: it sets
 * `locale` and the clientInfo entity's locale. Everything else passes through untouched, both ways.
 */
export async function startClientLocaleProxy(target: string): Promise<ClientLocaleProxy> {
  const targetUrl = new URL(target);
  let locale: string | undefined;
  const activities: ForwardedActivity[] = [];

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const record = recordOf(body);
    if (record) activities.push(record);
    const upstream = request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        path: targetUrl.pathname + targetUrl.search,
        method: req.method,
        headers: { ...req.headers, host: targetUrl.host, 'content-length': String(body.length) },
      },
      (answer) => {
        if (record) record.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (!record) return void answer.pipe(res);
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const text = Buffer.concat(chunks);
          if (text.length > 0) record.answer = text.toString('utf8');
          res.end(text);
        });
      },
    );
    upstream.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`locale proxy: ${error.message}`);
    });
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, res, withLocale(Buffer.concat(chunks), locale)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${targetUrl.pathname}`,
    setLocale: (next) => {
      locale = next;
    },
    activities,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function recordOf(body: Buffer): ForwardedActivity | undefined {
  try {
    const activity: unknown = JSON.parse(body.toString('utf8'));
    if (typeof activity !== 'object' || activity === null || Array.isArray(activity)) return undefined;
    return { activity: activity as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

function withLocale(body: Buffer, locale: string | undefined): Buffer {
  if (!locale || body.length === 0) return body;
  let activity: unknown;
  try {
    activity = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (typeof activity !== 'object' || activity === null || Array.isArray(activity)) return body;
  const record = activity as Record<string, unknown>;
  record.locale = locale;
  if (Array.isArray(record.entities)) {
    for (const entity of record.entities as Array<Record<string, unknown>>) {
      if (entity && entity.type === 'clientInfo') entity.locale = locale;
    }
  }
  return Buffer.from(JSON.stringify(record), 'utf8');
}
