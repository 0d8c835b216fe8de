import { problem, type ProblemDocument, type ProblemKind } from './problem-details';

/**
 * The problem document for an error restify raised itself (no route, wrong method, a body it could not
 * read) or for one a handler let escape. Nothing of an unexpected error's message reaches the client.
 */
export function restifyErrorProblem(
  err: Error & { statusCode?: number },
  context: { readonly method: string; readonly path: string; readonly maxBodyBytes: number },
): ProblemDocument {
  const status = err.statusCode ?? 500;
  const kind = kindFor(err.name, status);
  switch (kind) {
    case 'route-not-found':
      return problem(kind, `There is no endpoint at ${context.path}.`);
    case 'method-not-allowed':
      return problem(kind, `${context.path} does not answer ${context.method}; see the Allow header.`);
    case 'body-too-large':
      return problem(kind, `The body is larger than ${context.maxBodyBytes} bytes.`);
    case 'unsupported-media-type':
      return problem(kind, 'Send the body as application/json.');
    case 'malformed-body':
      return problem(kind, 'The body is not valid JSON.');
    case 'not-acceptable':
      return problem(kind, 'This endpoint answers application/json (errors as application/problem+json).');
    case 'internal-error':
      return problem(kind, 'The request failed; retry, and tell support if it keeps failing.');
    default:
      return { ...problem(kind, 'The request is not valid.'), status };
  }
}

function kindFor(name: string, status: number): ProblemKind {
  if (status >= 500) return 'internal-error';
  switch (name) {
    case 'ResourceNotFoundError':
      return 'route-not-found';
    case 'MethodNotAllowedError':
      return 'method-not-allowed';
    case 'PayloadTooLargeError':
    case 'RequestEntityTooLargeError':
      return 'body-too-large';
    case 'UnsupportedMediaTypeError':
      return 'unsupported-media-type';
    case 'InvalidContentError':
      return 'malformed-body';
    case 'NotAcceptableError':
      return 'not-acceptable';
  }
  if (status === 404) return 'route-not-found';
  if (status === 405) return 'method-not-allowed';
  if (status === 413) return 'body-too-large';
  if (status === 415) return 'unsupported-media-type';
  return 'invalid-request';
}
