import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Connector REST API (v3), the `serviceUrl` of the activities we post to the bot.
 * It records what the bot sends and answers as the service does; faults (429 with Retry-After, 5xx, 403,
 * 404) can be queued. Written from the published protocol:
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
 */

export type ConnectorCallKind =
  'send' | 'reply' | 'update' | 'delete' | 'createConversation' | 'member' | 'file' | 'other';

export interface ConnectorCall {
  readonly kind: ConnectorCallKind;
  readonly method: string;
  readonly path: string;
  readonly conversationId?: string;
  /** The id of the activity replied to, updated or deleted. */
  readonly activityId?: string;
  /** The id the stand-in gave the sent activity (send, reply, createConversation). */
  readonly newActivityId?: string;
  readonly body: Record<string, unknown>;
  readonly authorization?: string;
  readonly status: number;
  readonly at: number;
}

export interface Fault {
  readonly status: number;
  readonly retryAfterSeconds?: number;
  /** Only calls for which this is true take the fault; all calls by default. */
  readonly when?: (call: {
    kind: ConnectorCallKind;
    conversationId?: string;
    body: Record<string, unknown>;
  }) => boolean;
  /** How many calls take it (default 1). */
  readonly times?: number;
}

interface PendingWait {
  readonly predicate: (call: ConnectorCall) => boolean;
  readonly count: number;
  readonly resolve: (calls: ConnectorCall[]) => void;
}

export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  /** Who Teams says is in a conversation (GET …/members/{id}), by user id; anyone else is a 404. */
  readonly members = new Map<string, { readonly name: string; readonly aadObjectId?: string }>();
  /**
   * Files served by GET at these paths, as Teams serves a file's short-lived downloadUrl and the Bot
   * Connector an inline image's contentUrl (`status` other than 200 answers that instead, e.g. 403 for
   * an expired link). Each fetch is recorded as a call of kind 'file'.
   */
  readonly files = new Map<string, { readonly body: Buffer; readonly status?: number }>();
  /** Called for every request before recording; may return a status to answer instead of success. */
  responder?: (call: {
    kind: ConnectorCallKind;
    conversationId?: string;
    body: Record<string, unknown>;
  }) => { status: number; headers?: Record<string, string> } | undefined;
  /**
   * A slow connector: each call is recorded (and counts as delivered) when it arrives, and answered this
   * many milliseconds later, as a real service posts a message whether or not the caller waits for it.
   */
  latencyMs = 0;
  /** When each recorded call was answered; a call missing here was not answered (yet). */
  readonly answeredAt = new Map<ConnectorCall, number>();
  private readonly faults: Array<Fault & { left: number }> = [];
  private readonly waits: PendingWait[] = [];
  private server?: Server;
  private activityCounter = 0;

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('connector stand-in is not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = undefined;
  }

  /** Queue a fault for the next matching call(s). */
  fail(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.calls.length = 0;
    this.answeredAt.clear();
    this.faults.length = 0;
  }

  /** Successful calls that carried an activity to the user (send, reply, update), in order. */
  get delivered(): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.status < 300 && (c.kind === 'send' || c.kind === 'reply' || c.kind === 'update'),
    );
  }

  /** The Adaptive Cards the user was sent (send or reply), in order. */
  cards(conversationId?: string): Array<Record<string, unknown>> {
    return this.delivered
      .filter((c) => c.kind !== 'update' && (!conversationId || c.conversationId === conversationId))
      .flatMap((c) => adaptiveCardsOf(c.body));
  }

  /** Resolves once `count` recorded calls match (already recorded ones count); event-driven, no polling. */
  waitFor(
    predicate: (call: ConnectorCall) => boolean,
    count = 1,
    timeoutMs = 10_000,
  ): Promise<ConnectorCall[]> {
    const matching = this.calls.filter(predicate);
    if (matching.length >= count) return Promise.resolve(matching);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waits.indexOf(wait);
        if (index >= 0) this.waits.splice(index, 1);
        reject(
          new Error(
            `connector stand-in: waited ${timeoutMs} ms for ${count} matching call(s), saw ${this.calls.filter(predicate).length}`,
          ),
        );
      }, timeoutMs);
      const wait: PendingWait = {
        predicate,
        count,
        resolve: (calls) => {
          clearTimeout(timer);
          resolve(calls);
        },
      };
      this.waits.push(wait);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return this.answer(res, 400, { error: { code: 'BadSyntax', message: 'body is not JSON' } });
    }
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const served = req.method === 'GET' ? this.files.get(path) : undefined;
    if (served) return this.serveFile(req, res, path, served);
    const route = routeOf(req.method ?? 'GET', path);
    const probe = {
      kind: route.kind,
      ...(route.conversationId ? { conversationId: route.conversationId } : {}),
      body,
    };

    const fault = this.faults.find((f) => f.left > 0 && (!f.when || f.when(probe)));
    const custom = fault ? undefined : this.responder?.(probe);
    let status = 200;
    let headers: Record<string, string> = {};
    if (fault) {
      fault.left -= 1;
      status = fault.status;
      if (fault.retryAfterSeconds !== undefined) headers = { 'Retry-After': String(fault.retryAfterSeconds) };
    } else if (custom) {
      status = custom.status;
      headers = custom.headers ?? {};
    } else if (
      route.kind === 'other' ||
      (route.kind === 'member' && !this.members.has(route.activityId ?? ''))
    ) {
      status = 404;
    } else if (route.kind === 'send' || route.kind === 'reply' || route.kind === 'createConversation') {
      status = 201;
    }

    const newActivityId =
      status < 300 && (route.kind === 'send' || route.kind === 'reply' || route.kind === 'createConversation')
        ? `activity-${++this.activityCounter}`
        : undefined;
    const call: ConnectorCall = {
      kind: route.kind,
      method: req.method ?? 'GET',
      path,
      ...(route.conversationId ? { conversationId: route.conversationId } : {}),
      ...(route.activityId ? { activityId: route.activityId } : {}),
      ...(newActivityId ? { newActivityId } : {}),
      body,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      status,
      at: Date.now(),
    };
    this.calls.push(call);
    this.notify();
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (res.destroyed || req.socket.destroyed) return;
    this.answeredAt.set(call, Date.now());

    if (status >= 300) {
      return this.answer(
        res,
        status,
        { error: { code: status === 429 ? 'Throttled' : 'Failed', message: `stand-in ${status}` } },
        headers,
      );
    }
    if (route.kind === 'createConversation') {
      return this.answer(res, status, { id: `a:${randomUUID()}`, activityId: newActivityId });
    }
    if (route.kind === 'member') {
      return this.answer(res, 200, { id: route.activityId, ...this.members.get(route.activityId ?? '') });
    }
    if (route.kind === 'delete') return this.answer(res, 200, {});
    return this.answer(res, status, { id: newActivityId ?? route.activityId });
  }

  /** A URL of this stand-in that serves `body` (see `files`). */
  fileUrl(path: string, body: Buffer, status?: number): string {
    this.files.set(path, { body, ...(status !== undefined ? { status } : {}) });
    return new URL(path, this.url).href;
  }

  private serveFile(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    file: { readonly body: Buffer; readonly status?: number },
  ): void {
    const status = file.status ?? 200;
    this.calls.push({
      kind: 'file',
      method: 'GET',
      path,
      body: {},
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      status,
      at: Date.now(),
    });
    this.notify();
    if (status !== 200)
      return this.answer(res, status, { error: { code: 'Failed', message: `stand-in ${status}` } });
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(file.body.length),
    });
    res.end(file.body);
  }

  private notify(): void {
    for (const wait of [...this.waits]) {
      const matching = this.calls.filter(wait.predicate);
      if (matching.length >= wait.count) {
        this.waits.splice(this.waits.indexOf(wait), 1);
        wait.resolve(matching);
      }
    }
  }

  private answer(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}

function routeOf(
  method: string,
  path: string,
): { kind: ConnectorCallKind; conversationId?: string; activityId?: string } {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { kind: 'other' };
  if (parts.length === 2 && method === 'POST') return { kind: 'createConversation' };
  const conversationId = parts[2];
  // A member's id travels in the activityId slot of the route.
  if (parts[3] === 'members' && parts[4] && method === 'GET')
    return { kind: 'member', conversationId, activityId: parts[4] };
  if (parts[3] !== 'activities') return { kind: 'other', ...(conversationId ? { conversationId } : {}) };
  const activityId = parts[4];
  if (!activityId && method === 'POST') return { kind: 'send', conversationId };
  if (activityId && method === 'POST') return { kind: 'reply', conversationId, activityId };
  if (activityId && method === 'PUT') return { kind: 'update', conversationId, activityId };
  if (activityId && method === 'DELETE') return { kind: 'delete', conversationId, activityId };
  return { kind: 'other', ...(conversationId ? { conversationId } : {}) };
}

export function adaptiveCardsOf(activity: Record<string, unknown>): Array<Record<string, unknown>> {
  const attachments = Array.isArray(activity.attachments)
    ? (activity.attachments as Array<Record<string, unknown>>)
    : [];
  return attachments
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Record<string, unknown>);
}

/** Every text a person would read on a card (TextBlocks, TextRuns, facts, action titles, input labels). */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage']) {
      const value = element[key];
      if (typeof value === 'string' && !(key === 'value' && element.type?.toString().startsWith('Input.')))
        out.push(value);
    }
    Object.values(element).forEach(visit);
  };
  visit(card);
  return out;
}

/** The titles of a card's buttons, in order. */
export function actionTitles(card: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (
      typeof element.type === 'string' &&
      element.type.startsWith('Action.') &&
      typeof element.title === 'string'
    ) {
      out.push(element.title);
    }
    Object.values(element).forEach(visit);
  };
  visit(card);
  return out;
}
