import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with the next request. */
export type ProxyStep =
  | { readonly kind: 'pass' }
  /** Answer this status without reaching the service. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  /** Forward it (the service acts on it), then lose the answer and say 503: the case idempotency is for. */
  | { readonly kind: 'forward-then-503' }
  /** Drop the connection without an answer. */
  | { readonly kind: 'hang-up' };

/** A loopback HTTP proxy in front of the ticket service that misbehaves on a script. */
export class FlakyProxy {
  /** Steps for the next requests; when empty, `fallback` applies. */
  readonly script: ProxyStep[] = [];
  fallback: ProxyStep = { kind: 'pass' };
  readonly seen: { method: string; path: string; idempotencyKey?: string }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly target: string,
  ) {}

  static async start(target: string): Promise<FlakyProxy> {
    const ready: { proxy?: FlakyProxy } = {};
    const server = createServer((req, res) => void ready.proxy?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FlakyProxy(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      target,
    );
    ready.proxy = proxy;
    return proxy;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const key = req.headers['idempotency-key'];
    this.seen.push({
      method: req.method ?? '',
      path: req.url ?? '',
      ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
    });
    const step = this.script.shift() ?? this.fallback;
    if (step.kind === 'hang-up') {
      req.socket.destroy();
      return;
    }
    if (step.kind === 'status') {
      res.writeHead(step.status, {
        'content-type': 'application/json',
        ...(step.retryAfter ? { 'retry-after': step.retryAfter } : {}),
      });
      res.end(JSON.stringify({ error: 'Flaky' }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    }
    const upstream = await fetch(`${this.target}${req.url ?? ''}`, {
      method: req.method ?? 'GET',
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = await upstream.text();
    if (step.kind === 'forward-then-503') {
      res.writeHead(503);
      res.end();
      return;
    }
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    res.end(body);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
