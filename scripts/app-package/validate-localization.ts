import type { TeamsSchemas } from './load-teams-schemas';
import { describeSchemaErrors } from './describe-schema-errors';

/** Looks up `bots[0].commandLists[1].commands[0].title` (a localization key) in the manifest. */
function lookUp(manifest: unknown, key: string): unknown {
  let node: unknown = manifest;
  for (const [, name, index] of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (node === null || typeof node !== 'object') return undefined;
    node =
      index !== undefined
        ? (node as unknown[])[Number(index)]
        : (node as Record<string, unknown>)[name as string];
  }
  return node;
}

/**
 * Problems of a localization file: the official schema, and every translated string must replace a string
 * the manifest has, since Teams silently ignores a key that points at nothing (e.g. a removed command).
 */
export function validateLocalization(
  file: string,
  strings: unknown,
  manifest: unknown,
  schemas: TeamsSchemas,
): string[] {
  if (!schemas.localization(strings)) return describeSchemaErrors(file, schemas.localization.errors);
  const problems: string[] = [];
  for (const key of Object.keys(strings as Record<string, unknown>)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (typeof lookUp(manifest, key) !== 'string') {
      problems.push(`${file}: ${key} translates nothing; manifest.json has no string at ${key}`);
    }
  }
  return problems;
}
