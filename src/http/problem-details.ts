import type { Response } from 'restify';

/**
 * RFC 9457 problem details: the one shape of every error response, the app's and restify's own. The
 * `type` is a stable URN per kind of problem (listed in docs/decisions/operations.md and in
 * docs/openapi.json); clients branch on it, never on `title` or `detail`, which are for people.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const typeBase = 'urn:security-desk:problem:';

/** Every kind of problem this service answers, with its status and the title that goes with it. */
export const problemKinds = {
  'invalid-request': { status: 400, title: 'The request is not valid' },
  'malformed-body': { status: 400, title: 'The request body cannot be read' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'route-not-found': { status: 404, title: 'No such endpoint' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'No acceptable representation' },
  'state-conflict': { status: 409, title: 'Not allowed in the current state' },
  'request-in-progress': { status: 409, title: 'The same request is still running' },
  'draft-outdated': { status: 409, title: 'The draft is out of date' },
  'link-expired': { status: 410, title: 'The link has expired' },
  'precondition-failed': { status: 412, title: 'The resource changed' },
  'body-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key used for another request' },
  'precondition-required': { status: 428, title: 'If-Match required' },
  'internal-error': { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Temporarily unavailable' },
  'not-ready': { status: 503, title: 'Not ready' },
} as const;

export type ProblemKind = keyof typeof problemKinds;

/** One field at fault, as the app's validation reports it (a `problems` extension member). */
export interface FieldProblem {
  readonly field: string;
  readonly key?: string;
  readonly message: string;
}

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly problems?: readonly FieldProblem[];
  readonly [extension: string]: unknown;
}

export function problemType(kind: ProblemKind): string {
  return `${typeBase}${kind}`;
}

/** The problem document of `kind`; `extensions` are added members such as `problems` or `currentVersion`. */
export function problem(
  kind: ProblemKind,
  detail: string,
  extensions: Readonly<Record<string, unknown>> = {},
): ProblemDocument {
  const { status, title } = problemKinds[kind];
  const members = { type: problemType(kind), title, status, detail };
  // The standard members first (as a reader expects them), and never overwritten by an extension.
  return { ...members, ...extensions, ...members };
}

/** Answers the request with a problem of `kind` (headers set before, such as Retry-After, are kept). */
export function sendProblem(
  res: Response,
  kind: ProblemKind,
  detail: string,
  extensions?: Readonly<Record<string, unknown>>,
): void {
  sendProblemDocument(res, problem(kind, detail, extensions));
}

export function sendProblemDocument(res: Response, document: ProblemDocument): void {
  res.sendRaw(document.status, JSON.stringify(document), {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Cache-Control': 'no-store',
  });
}

/** A response kept for replay (idempotency): a problem goes out as one, anything else as JSON. */
export function sendStatusAndBody(res: Response, status: number, body: unknown): void {
  if (status >= 400 && isProblemDocument(body)) sendProblemDocument(res, body);
  else res.send(status, body);
}

function isProblemDocument(body: unknown): body is ProblemDocument {
  const candidate = body as Partial<ProblemDocument> | null | undefined;
  return typeof candidate?.type === 'string' && typeof candidate.status === 'number';
}
