import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { problemKinds, problemType } from '../../../src/http/problem-details';

const ROOT = join(__dirname, '..', '..', '..');
const document = JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { responses?: Record<string, { $ref?: string; content?: object }> }>>;
  components: {
    schemas: { Problem: { properties: { type: { enum: string[] } } } };
    responses: Record<string, { content?: Record<string, unknown> }>;
  };
};
const methods = ['get', 'post', 'put', 'patch', 'delete'];

test('Redocly’s recommended-strict rules pass on docs/openapi.json (offline)', async () => {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'),
      'lint',
      '--extends=recommended-strict',
      'docs/openapi.json',
    ],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 120_000,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`redocly lint failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  });
  expect(`${stdout}\n${stderr}`).toMatch(/valid/i);
}, 150_000);

test('the document lists exactly the problem types the service answers', () => {
  expect([...document.components.schemas.Problem.properties.type.enum].sort()).toEqual(
    Object.keys(problemKinds)
      .map((kind) => problemType(kind as keyof typeof problemKinds))
      .sort(),
  );
});

test('every error response of every operation is application/problem+json, with a default for the rest', () => {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods.filter((m) => item[m])) {
      const responses = item[method]!.responses ?? {};
      expect({ operation: `${method} ${path}`, default: Boolean(responses.default) }).toEqual({
        operation: `${method} ${path}`,
        default: true,
      });
      for (const [code, response] of Object.entries(responses)) {
        if (code.startsWith('2')) continue;
        const resolved = response.$ref
          ? document.components.responses[response.$ref.split('/').pop()!]
          : response;
        expect({
          operation: `${method} ${path} ${code}`,
          types: Object.keys(resolved?.content ?? {}),
        }).toEqual({
          operation: `${method} ${path} ${code}`,
          types: ['application/problem+json'],
        });
      }
    }
  }
});
